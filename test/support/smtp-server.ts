/**
 * A minimal but real SMTP server (RFC 5321) on 127.0.0.1 for tests: greets, answers EHLO/HELO, MAIL FROM,
 * RCPT TO, DATA (with dot-unstuffing), RSET, NOOP and QUIT, and records every message it accepts.
 */
import { createServer, type Server, type Socket } from 'node:net'

export type ReceivedMail = { from: string; to: string[]; data: string }

export type TestSmtpServer = { port: number; messages: ReceivedMail[]; close(): Promise<void> }

/** Starts the server on a free loopback port. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.setEncoding('utf8')
    let buffer = ''
    let from: string | null = null
    let to: string[] = []
    let dataLines: string[] | null = null
    const reply = (line: string): void => {
      socket.write(line + '\r\n')
    }
    reply('220 test.localhost ESMTP ready')
    socket.on('data', (chunk: string) => {
      buffer += chunk
      let end: number
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (dataLines !== null) {
          if (line === '.') {
            messages.push({ from: from!, to, data: dataLines.join('\r\n') })
            dataLines = null
            from = null
            to = []
            reply('250 2.0.0 accepted')
          } else dataLines.push(line.startsWith('..') ? line.slice(1) : line)
          continue
        }
        const verb = line.slice(0, 4).toUpperCase()
        const address = /<([^>]*)>/.exec(line)?.[1]
        if (verb === 'EHLO') {
          reply('250-test.localhost greets you')
          reply('250 8BITMIME')
        } else if (verb === 'HELO') reply('250 test.localhost')
        else if (verb === 'MAIL' && address !== undefined) {
          from = address
          reply('250 2.1.0 sender ok')
        } else if (verb === 'RCPT' && address !== undefined) {
          if (from === null) reply('503 5.5.1 MAIL first')
          else if (!address.includes('@')) reply('550 5.1.1 no such mailbox')
          else {
            to.push(address)
            reply('250 2.1.5 recipient ok')
          }
        } else if (verb === 'DATA') {
          if (to.length === 0) reply('503 5.5.1 RCPT first')
          else {
            dataLines = []
            reply('354 end with <CRLF>.<CRLF>')
          }
        } else if (verb === 'RSET') {
          from = null
          to = []
          reply('250 2.0.0 reset')
        } else if (verb === 'NOOP') reply('250 2.0.0 ok')
        else if (verb === 'QUIT') {
          reply('221 2.0.0 bye')
          socket.end()
        } else reply('500 5.5.2 command not recognised')
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    port: address.port,
    messages,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
