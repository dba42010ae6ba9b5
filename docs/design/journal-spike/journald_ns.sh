#!/bin/bash
# Alternative recipe: a private systemd-journald in its own mount namespace, writers placed in unit cgroups.
# Usage: journald_ns.sh OUTDIR COUNT_PER_UNIT   (run as root; leaves OUTDIR/<machine-id>/*.journal)
set -e
out=$1; n=${2:-1000}
mkdir -p "$out"
conf=$(mktemp); printf '[Journal]\nStorage=persistent\nRateLimitBurst=0\nCompress=yes\nForwardToSyslog=no\nForwardToWall=no\nReadKMsg=no\n' > "$conf"
cg=/sys/fs/cgroup/unified
unshare -m --propagation private bash -c "
  mount -t tmpfs tmpfs /run
  mkdir -p /run/systemd/journal
  mount --bind '$out' /var/log/journal
  mount --bind '$conf' /etc/systemd/journald.conf
  /lib/systemd/systemd-journald & jpid=\$!
  for i in \$(seq 50); do [ -S /run/systemd/journal/socket ] && break; sleep 0.1; done
  for unit in docker.service kubelet.service k3s.service; do
    mkdir -p $cg/system.slice/\$unit
    ( echo \$BASHPID > $cg/system.slice/\$unit/cgroup.procs
      mkdir -p /sys/fs/cgroup/systemd/system.slice/\$unit; echo \$BASHPID > /sys/fs/cgroup/systemd/system.slice/\$unit/cgroup.procs
      cat /proc/\$BASHPID/cgroup | grep -E \"^(0|.*name=systemd):\" >&2
      seq $n | sed \"s/^/\$unit line /\" | systemd-cat -t \${unit%.service} -p info )
  done
  seq $n | systemd-cat -t noise
  journalctl --flush >/dev/null 2>&1 || true
  kill \$jpid; wait \$jpid || true
  for unit in docker.service kubelet.service k3s.service; do rmdir $cg/system.slice/\$unit /sys/fs/cgroup/systemd/system.slice/\$unit; done
  rmdir /sys/fs/cgroup/systemd/system.slice 2>/dev/null || true
  rmdir $cg/system.slice 2>/dev/null || true
"
rm -f "$conf"
