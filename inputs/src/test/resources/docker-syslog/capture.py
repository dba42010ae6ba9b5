#!/usr/bin/env python3
"""Writes every byte a syslog sender sends. tcp/tls: each connection's bytes appended to OUT in arrival order.
udp: each datagram as a 4-byte big-endian length followed by its bytes. Prints the bound port to PORTFILE."""
import socket, ssl, struct, sys, threading
mode, out, portfile = sys.argv[1], sys.argv[2], sys.argv[3]
lock = threading.Lock()
def write(b):
    with lock, open(out, 'ab') as f:
        f.write(b)
if mode == 'udp':
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 0))
    open(portfile, 'w').write(str(s.getsockname()[1]))
    while True:
        d, _ = s.recvfrom(65535); write(struct.pack('>I', len(d)) + d)
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', 0)); s.listen(8)
open(portfile, 'w').write(str(s.getsockname()[1]))
ctx = None
if mode == 'tls':
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain(sys.argv[4], sys.argv[5])
def serve(c):
    if ctx: c = ctx.wrap_socket(c, server_side=True)
    sys.stderr.write('connection\n'); sys.stderr.flush()
    while True:
        d = c.recv(65536)
        if not d: break
        write(d)
while True:
    c, _ = s.accept(); threading.Thread(target=serve, args=(c,), daemon=True).start()
