"""Prints the first free loopback TCP port from START on (default 8000), trying 50.

`make run` serves the web page there: a second `make run` must not fail.
"""

import socket
import sys

start = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
for port in range(start, start + 50):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        break
else:
    sys.exit(f"run: no free port in {start}..{start + 49}")
