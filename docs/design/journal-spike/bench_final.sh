#!/bin/bash
# The deciding comparison in one run, interleaved so both paths see the same load. Usage: bench_final.sh DIR
dir=${1:-/tmp/jt/big}
cd "$(dirname "$0")/java"
CP=target/journal-spike-0.jar:target/dependency/jna-5.19.1.jar:target/dependency/msgpack-core-0.9.8.jar
M="_SYSTEMD_UNIT=docker.service + _SYSTEMD_UNIT=kubelet.service"
uptime
for i in 1 2 3; do
  /usr/bin/time -f "journalctl-json-2units run$i wall=%e user=%U sys=%S" nice -n 5 journalctl --directory "$dir" --no-pager -o json $M > /dev/null
  /usr/bin/time -f "jna-2units run$i wall=%e user=%U sys=%S" nice -n 5 java -Xmx256m -cp $CP spike.Bench jna "$dir" $M | cut -c1-100
  /usr/bin/time -f "export-2units run$i wall=%e user=%U sys=%S" nice -n 5 java -Xmx256m -cp $CP spike.Bench export "$dir" $M | cut -c1-100
  /usr/bin/time -f "jna-all run$i wall=%e user=%U sys=%S" nice -n 5 java -Xmx256m -cp $CP spike.Bench jna "$dir" | cut -c1-100
  uptime
done
