#!/usr/bin/env bash
# A runbook as an operator would write it: set -e, exit codes, jq.
# Starts its own emulator, creates a group, then switches the seeded demo
# group to the DR site and back, checking every exit code on the way.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
sdrs() { node "$here/../../bin/sdrs.js" "$@"; }
work=$(mktemp -d)
trap 'kill "$emu_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

# Started without the sdrs() wrapper so that $! is node itself and the trap stops it.
node "$here/../../bin/sdrs.js" emulator --port 0 --seed demo --job-duration 300ms --json >"$work/emu.json" 2>"$work/emu.err" &
emu_pid=$!
for _ in $(seq 1 100); do [ -s "$work/emu.json" ] && break; sleep 0.1; done
url=$(jq -r .url "$work/emu.json")
export SDRS_ENDPOINT=$url SDRS_PROJECT_ID=$(jq -r .project_id "$work/emu.json")
export HUAWEICLOUD_SDK_AK=$(jq -r .ak "$work/emu.json") HUAWEICLOUD_SDK_SK=$(jq -r .sk "$work/emu.json")

expect_exit() { # expect_exit CODE command...
  local want=$1; shift
  set +e; "$@" >"$work/out" 2>"$work/err"; local got=$?; set -e
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: '$*' exited $got, expected $want"; cat "$work/err"; exit 1
  fi
  echo "ok: '$*' exited $got"
}

# 1. Create a group and capture its id with jq.
domain=$(sdrs domain list --json | jq -r '.[0].id')
vpc=$(curl -fsS "$url/__emulator/state" | jq -r '.world.vpcs[0].id')
id=$(sdrs group create --name runbook-grp --domain "$domain" --vpc "$vpc" --json | jq -r .id)
[ "$(sdrs group show "$id" --json | jq -r .status)" = available ] || { echo "FAIL: group not available"; exit 1; }
echo "ok: created $id"

# 2. A reverse is refused while a production server still runs (exit 3).
expect_exit 3 sdrs group reverse demo-erp --to target --yes
grep -q 'erp-app-01' "$work/err" || { echo "FAIL: running server not named"; exit 1; }

# 3. Stop the production servers through the emulator's admin API.
for s in $(curl -fsS "$url/__emulator/state" | jq -r '.world.servers[] | select(.status == "ACTIVE" and .az == "cn-north-4a") | .id'); do
  curl -fsS -X PUT -H 'content-type: application/json' -d '{"status":"SHUTOFF"}' "$url/__emulator/servers/$s/power" >/dev/null
done

# 4. Without --yes and without a terminal, the reverse refuses (exit 2).
expect_exit 2 sdrs group reverse demo-erp --to target

# 5. Reverse to the DR site, then back; re-running is a no-op.
expect_exit 0 sdrs group reverse demo-erp --to target --yes --json
[ "$(jq -r .priority_station "$work/out")" = target ] || { echo "FAIL: not on target"; exit 1; }
expect_exit 0 sdrs group reverse demo-erp --to target --yes
grep -q 'Nothing to do' "$work/err" || { echo "FAIL: no-op not reported"; exit 1; }
expect_exit 0 sdrs group reverse demo-erp --to source --yes
[ "$(sdrs group show demo-erp --json | jq -r .priority_station)" = source ] || { echo "FAIL: not back on source"; exit 1; }

echo "runbook: all steps passed"
