#!/bin/bash
# journalctl alone, 3 runs each, output to /dev/null. Usage: bench_journalctl.sh DIR
dir=${1:-/tmp/jt/big}
run() {
  local name=$1; shift
  for i in 1 2 3; do
    /usr/bin/time -f "$name run$i wall=%e user=%U sys=%S" nice -n 5 journalctl --directory "$dir" --no-pager "$@" > /dev/null
  done
}
uptime
run json -o json
run json-all -o json --all
run json-2units -o json _SYSTEMD_UNIT=docker.service + _SYSTEMD_UNIT=kubelet.service
run export -o export
run export-2units -o export _SYSTEMD_UNIT=docker.service + _SYSTEMD_UNIT=kubelet.service
run cat -o cat
uptime
