#!/usr/bin/env bash
# Checks the Grafana dashboards: every panel queries the provisioned Prometheus datasource, and every PromQL
# expression parses (promtool checks them as recording rules, with Grafana's interval variables replaced).
set -euo pipefail
cd "$(dirname "$0")"

uid="$(sed -n 's/^ *uid: *//p' provisioning/datasources/prometheus.yml)"
rules="$(mktemp)"
trap 'rm -f "$rules"' EXIT

status=0
for dashboard in dashboards/*.json; do
  wrong="$(jq -r --arg uid "$uid" '[.. | objects | select(has("datasource")) | .datasource
      | select(.uid != $uid)] | length' "$dashboard")"
  if [ "$wrong" != 0 ]; then
    echo "$dashboard: $wrong datasource references are not the provisioned uid $uid" >&2
    status=1
  fi
  count="$(jq '[.. | objects | select(has("expr")) | .expr] | length' "$dashboard")"
  if [ "$count" = 0 ]; then
    echo "$dashboard: no PromQL expression found" >&2
    status=1
  fi
  echo "$dashboard: $count expressions"
  {
    echo "groups:"
    echo "  - name: dashboard"
    echo "    rules:"
    jq -r '[.. | objects | select(has("expr")) | .expr] | to_entries[]
        | "      - record: dashboard:expr_\(.key)\n        expr: \(.value | gsub("\\$__(rate_)?interval"; "1m")
        | gsub("\\$__range"; "1h") | tojson)"' "$dashboard"
  } > "$rules"
  promtool check rules "$rules" >/dev/null || { echo "$dashboard: invalid PromQL (above)" >&2; status=1; }
done
exit "$status"
