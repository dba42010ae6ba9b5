#!/bin/sh
# run.sh NAME MODE ADDRESS-SCHEME [docker --log-opt ...]
set -e
name=$1 mode=$2 scheme=$3; shift 3
D="docker -H unix:///tmp/sd-dockerd.sock"
rm -f out/$name port
python3 capture.py $mode out/$name port cert.pem key.pem 2>log.$name & cap=$!
while [ ! -s port ]; do sleep 0.1; done
$D run --rm --network none --log-driver syslog --log-opt syslog-address=$scheme://127.0.0.1:$(cat port) "$@" floe-busybox sh -c '
echo "first line"
printf "multi\nline\n"
echo "UTF-8: héllo wörld ✓"
echo "to stderr" >&2
printf "%10240s\n" "" | tr " " x
echo ""
echo "last line"'
sleep 1
kill $cap
