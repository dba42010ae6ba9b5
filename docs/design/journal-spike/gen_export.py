#!/usr/bin/env python3
"""Writes N journal entries in systemd's Journal Export Format to stdout.

Three units (docker.service, kubelet.service, k3s.service) plus noise from other units and the
kernel; realistic trusted fields. Options: --binary adds a binary-encoded field every 1000th
entry, --multi a field with two values, --big N a MESSAGE of N bytes in one entry.
Usage: gen_export.py COUNT [--start FIRST_ID] [--binary] [--multi] [--big BYTES] | systemd-journal-remote -o DIR/x.journal -
"""
import struct
import sys

def main():
    args = sys.argv[1:]
    count = int(args[0])
    binary = '--binary' in args
    multi = '--multi' in args
    big = int(args[args.index('--big') + 1]) if '--big' in args else 0
    start = int(args[args.index('--start') + 1]) if '--start' in args else 0
    out = sys.stdout.buffer
    boot = 'a2c1b6e4d3f24c7e9a0b1c2d3e4f5a6b'
    machine = '0123456789abcdef0123456789abcdef'
    units = [
        (b'docker.service', b'dockerd', b'/usr/bin/dockerd', 812, b'system.slice'),
        (b'kubelet.service', b'kubelet', b'/usr/bin/kubelet', 1024, b'system.slice'),
        (b'k3s.service', b'k3s', b'/usr/local/bin/k3s', 1337, b'system.slice'),
        (b'ssh.service', b'sshd', b'/usr/sbin/sshd', 455, b'system.slice'),
        (b'cron.service', b'cron', b'/usr/sbin/cron', 430, b'system.slice'),
        (None, b'kernel', None, 0, None),
        (b'systemd-logind.service', b'systemd-logind', b'/lib/systemd/systemd-logind', 401, b'system.slice'),
    ]
    # 1/4 each of the three units, 1/4 noise spread over the rest
    pattern = [0, 1, 2, 3, 0, 1, 2, 4, 0, 1, 2, 5, 0, 1, 2, 6]
    t0 = 1765000000000000  # µs
    mono0 = 5000000
    head = (b'_BOOT_ID=' + boot.encode() + b'\n_MACHINE_ID=' + machine.encode() +
            b'\n_HOSTNAME=node-1.cluster.local\n')
    w = out.write
    big_at = start + count // 2 if big else -1
    for i in range(start, start + count):
        unit, comm, exe, pid, slc = units[pattern[i & 15]]
        rt = t0 + i * 100
        parts = [b'__CURSOR=s=x;i=%x\n__REALTIME_TIMESTAMP=%d\n__MONOTONIC_TIMESTAMP=%d\n' % (i, rt, mono0 + i * 100), head]
        if unit is None:
            parts.append(b'_TRANSPORT=kernel\nPRIORITY=6\nSYSLOG_FACILITY=0\nSYSLOG_IDENTIFIER=kernel\n'
                         b'_SOURCE_MONOTONIC_TIMESTAMP=%d\nMESSAGE=eth0: link up, 1000Mbps, full-duplex %d\n' % (mono0 + i * 100 - 7, i))
        else:
            parts.append(b'_TRANSPORT=stdout\nPRIORITY=%d\nSYSLOG_FACILITY=3\nSYSLOG_IDENTIFIER=%s\n_PID=%d\n_UID=0\n_GID=0\n'
                         b'_COMM=%s\n_EXE=%s\n_CMDLINE=%s --config /etc/%s/config.yaml\n_CAP_EFFECTIVE=1ffffffffff\n'
                         b'_SELINUX_CONTEXT=unconfined\n_SYSTEMD_CGROUP=/%s/%s\n_SYSTEMD_UNIT=%s\n_SYSTEMD_SLICE=%s\n'
                         b'_SYSTEMD_INVOCATION_ID=5f3e%028x\n_STREAM_ID=9c1d%028x\n'
                         % (6 if i % 7 else 4, comm, pid, comm, exe, exe, comm, slc, unit, unit, slc, pid, pid))
            if i == big_at:
                parts.append(b'MESSAGE\n' + struct.pack('<Q', big) + (b'x' * (big - 1)) + b'E\n')
            else:
                parts.append(b'MESSAGE=I1208 01:%02d:%02d.%06d %d %s.go:%d] Syncing pod status request id=%d level=info\n'
                             % (i // 60000 % 60, i // 1000 % 60, i % 1000000, pid, comm, 100 + i % 900, i))
            parts.append(b'_SOURCE_REALTIME_TIMESTAMP=%d\n' % (rt - 13))
        if binary and i % 1000 == 0:
            data = b'bin\x00\x01\xff\ndata\x1b[0m' + bytes([i & 255])
            parts.append(b'BINARY_FIELD\n' + struct.pack('<Q', len(data)) + data + b'\n')
        if multi and i % 1000 == 1:
            parts.append(b'MULTI=first\nMULTI=second\n')
        parts.append(b'\n')
        w(b''.join(parts))

if __name__ == '__main__':
    main()
