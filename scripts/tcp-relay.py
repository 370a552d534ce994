#!/usr/bin/env python3
"""Relays every TCP connection made to LISTEN_HOST:LISTEN_PORT on to TARGET_HOST:TARGET_PORT, until it is stopped.

The swarm lab's nodes build images in network namespaces of their own, where 127.0.0.1 is the namespace's loopback,
not the host's: the project's package index (scripts/package-index.sh, on the host's 127.0.0.1) is out of their reach.
scripts/swarm-lab.sh runs one relay on the lab bridge's host address and one on each node's loopback, so that the
index URL of pyproject.toml answers the same inside a node as on the host.

    tcp-relay.py LISTEN_HOST LISTEN_PORT TARGET_HOST TARGET_PORT
"""
import asyncio
import sys


async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except OSError:
        pass
    finally:
        writer.close()


async def relay(client_reader, client_writer, host: str, port: int) -> None:
    try:
        target_reader, target_writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout=10)
    except (OSError, asyncio.TimeoutError):
        client_writer.close()
        return
    await asyncio.gather(pipe(client_reader, target_writer), pipe(target_reader, client_writer), return_exceptions=True)


async def main(listen_host: str, listen_port: int, target_host: str, target_port: int) -> None:
    server = await asyncio.start_server(lambda r, w: relay(r, w, target_host, target_port), listen_host, listen_port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 5 or not sys.argv[2].isdigit() or not sys.argv[4].isdigit():
        sys.exit("usage: tcp-relay.py LISTEN_HOST LISTEN_PORT TARGET_HOST TARGET_PORT")
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])))
