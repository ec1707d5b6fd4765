#!/usr/bin/env bash
# Applies the ACL table (acls.tsv, next to this script) with Kafka's kafka-acls.sh: one command per row.
#
#   ops/kafka/acls.sh --bootstrap-server broker:9093 --command-config admin.properties
#   ops/kafka/acls.sh --print    # only print the commands
#
# kafka-acls.sh is taken from KAFKA_HOME/bin, else from PATH. The admin's client properties (its security protocol
# and credentials) go in the --command-config file, as for every Kafka tool.
set -euo pipefail

table="$(dirname "$0")/acls.tsv"
print=false
connection=()

usage() {
  echo "usage: $0 --bootstrap-server HOST:PORT [--command-config FILE] | --print" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --bootstrap-server | --command-config)
      [ $# -ge 2 ] || usage
      connection+=("$1" "$2")
      shift 2
      ;;
    --print)
      print=true
      shift
      ;;
    *) usage ;;
  esac
done

if [ "$print" = false ] && [ ${#connection[@]} -eq 0 ]; then
  usage
fi

if [ -n "${KAFKA_HOME:-}" ]; then
  kafka_acls="$KAFKA_HOME/bin/kafka-acls.sh"
else
  kafka_acls="kafka-acls.sh"
fi

# READ -> Read, DESCRIBE_CONFIGS -> DescribeConfigs: the names kafka-acls.sh documents.
operation_name() {
  local word result=""
  local IFS=_
  for word in $1; do
    result+="${word:0:1}$(printf '%s' "${word:1}" | tr '[:upper:]' '[:lower:]')"
  done
  printf '%s' "$result"
}

line=0
while IFS=$'\t' read -r principal type pattern name operations _why; do
  line=$((line + 1))
  case "$principal" in '' | '#'*) continue ;; esac
  case "$type" in
    topic | group | transactional-id) ;;
    *)
      echo "$table:$line: unknown resource type '$type' (topic, group or transactional-id)" >&2
      exit 1
      ;;
  esac
  case "$pattern" in
    literal | prefixed) ;;
    *)
      echo "$table:$line: unknown pattern type '$pattern' (literal or prefixed)" >&2
      exit 1
      ;;
  esac
  command=("$kafka_acls" "${connection[@]}" --add --allow-principal "$principal"
    "--$type" "$name" --resource-pattern-type "$pattern")
  IFS=, read -r -a ops <<<"$operations"
  for op in "${ops[@]}"; do
    command+=(--operation "$(operation_name "$op")")
  done
  if [ "$print" = true ]; then
    printf '%q ' "${command[@]}"
    echo
  else
    "${command[@]}"
  fi
done <"$table"
