import { describe, expect, it } from 'vitest';
import { EchoEndpoint, HttpEndpoint, parseRequest } from './endpoints';
import { Shaper } from './shaper';
import { VirtualSocket } from './socket';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe('Shaper', () => {
  it('makes back-to-back transfers wait for the link', () => {
    let now = 0;
    const shaper = new Shaper(1000, () => now);
    expect(shaper.delayFor(500)).toBe(500);
    expect(shaper.delayFor(500)).toBe(1000);
    now = 2000;
    expect(shaper.delayFor(100)).toBe(100);
  });

  it('does not wait without a rate', () => {
    expect(new Shaper(null).delayFor(1 << 20)).toBe(0);
  });
});

describe('virtual sockets', () => {
  it('echo gives the bytes back, in as many reads as asked, and sleeps as shaped', () => {
    const slept: number[] = [];
    const socket = new VirtualSocket('echo', new EchoEndpoint(), new Shaper(1000, () => 0), (ms) => slept.push(ms));
    socket.fd_write(bytes('hello'));
    socket.fd_write(bytes(' world'));
    expect(text(socket.fd_read(3).data)).toBe('hel');
    expect(text(socket.fd_read(100).data)).toBe('lo world');
    expect(socket.fd_read(100).data.byteLength).toBe(0);
    expect(slept).toEqual([5, 11, 14, 22, 0]);
  });

  it('http forwards a complete request and frames the response', () => {
    const seen: string[] = [];
    const http = new HttpEndpoint((request) => {
      seen.push(`${request.method} ${request.url} ${text(request.body)}`);
      return { status: 200, statusText: 'OK', body: bytes('pong') };
    });
    http.send(bytes('POST /ping HTTP/1.1\r\nContent-Length: 4\r\n\r\n'));
    http.send(bytes('ping'));
    expect(text(http.receive(1000))).toBe('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\npong');
    expect(seen).toEqual(['POST /ping ping']);
  });

  it('waits for the whole body before parsing', () => {
    expect(parseRequest(bytes('GET / HTTP/1.1\r\n'))).toBeNull();
    expect(parseRequest(bytes('PUT /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nab'))).toBeNull();
    expect(parseRequest(bytes('GET /x HTTP/1.1\r\nAccept: */*\r\n\r\n'))?.headers).toEqual([['Accept', '*/*']]);
  });
});
