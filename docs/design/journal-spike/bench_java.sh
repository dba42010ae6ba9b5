#!/bin/bash
# JNA reader and journalctl -o export + Java parser, 3 runs each; /usr/bin/time counts the JVM from
# launch plus its journalctl child. Usage: bench_java.sh DIR
dir=${1:-/tmp/jt/big}
cd "$(dirname "$0")/java"
CP=target/journal-spike-0.jar:target/dependency/jna-5.19.1.jar:target/dependency/msgpack-core-0.9.8.jar
M="_SYSTEMD_UNIT=docker.service + _SYSTEMD_UNIT=kubelet.service"
run() {
  local name=$1; shift
  for i in 1 2 3; do
    /usr/bin/time -f "$name run$i wall=%e user=%U sys=%S maxrss=%MKB" nice -n 5 java -Xmx256m -cp $CP spike.Bench "$@" | cut -c1-110
  done
}
uptime
run jna-all jna "$dir"
run jna-2units jna "$dir" $M
run jna-2units-cursor-each jna "$dir" --cursor-every-entry $M
run jna-2units-getByteArray jna "$dir" --copy-array $M
run export-all export "$dir"
run export-2units export "$dir" $M
uptime
