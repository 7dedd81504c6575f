#!/usr/bin/env bash
# A story issue labelled "verhaal-klaar" becomes a pull request (.github/workflows/verhaal-uit-issue.yml,
# through `make pull-request-from-issue`). The issue's body comes in the environment (ISSUE_BODY), never
# in the command line, and goes to `build.py from-issue` as a file; the branch is named after the issue's
# number only. When something is missing, the Dutch list from from-issue becomes a comment on the issue
# and the label comes off, so an editor can put it on again after the fix.
#
# Needs: ISSUE_NUMBER, ISSUE_BODY, gh (logged in through GH_TOKEN on GitHub's runners), git with a remote
# "origin". PY is the Python to run build.py with (the Makefile passes its .venv's).
set -euo pipefail

number="${ISSUE_NUMBER:-}"
if [[ ! "$number" =~ ^[1-9][0-9]{0,9}$ ]]; then
  echo "verhaal-uit-issue: ISSUE_NUMBER must be an issue number, got '${number}'" >&2
  exit 2
fi
: "${ISSUE_BODY?verhaal-uit-issue: ISSUE_BODY is not set}"
PY="${PY:-python3}"
label="verhaal-klaar"
branch="verhaal/issue-${number}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf '%s\n' "$ISSUE_BODY" > "$work/issue.md"

if git ls-remote --exit-code --heads origin "$branch" > /dev/null; then
  echo "verhaal-uit-issue: the branch ${branch} exists already; see its pull request" >&2
  exit 1
fi

status=0
"$PY" build.py from-issue "$work/issue.md" --issue-number "$number" --github-message "$work/message.md" || status=$?
if [[ $status -ne 0 ]]; then
  if [[ -s "$work/message.md" ]]; then
    gh issue comment "$number" --body-file "$work/message.md"
    gh issue edit "$number" --remove-label "$label"
  fi
  exit "$status"
fi

base="$(git rev-parse --abbrev-ref HEAD)"
git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
git switch --create "$branch"
git add -- content/stories
git commit --quiet --message "Verhaal uit issue #${number}"
git push --quiet origin "$branch"
head -n 1 "$work/message.md" > "$work/title.txt"
tail -n +3 "$work/message.md" > "$work/body.md"
gh pr create --base "$base" --head "$branch" --title "$(cat "$work/title.txt")" --body-file "$work/body.md"
