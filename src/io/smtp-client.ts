/**
 * A small SMTP client over node:net (RFC 5321): EHLO, MAIL FROM, RCPT TO, DATA, QUIT. No AUTH and no
 * STARTTLS: it is meant for a relay that accepts mail from this host (a loopback or internal relay), as
 * docs/campaigns.md#reminders explains. Each reply is checked; any unexpected code fails the message with
 * the server's own words.
 */
import { Socket } from 'node:net'
import type { MailMessage, Mailer } from '../app/campaign-ports.js'

const TIMEOUT_MS = 15_000

/** Reads complete SMTP replies (multi-line "250-…" continued until "250 …") from a socket. */
function createReplyReader(socket: Socket): () => Promise<{ code: number; text: string }> {
  let buffer = ''
  const waiting: ((reply: { code: number; text: string }) => void)[] = []
  const ready: { code: number; text: string }[] = []
  let failure: Error | null = null
  const failAll = (error: Error): void => {
    failure = error
    for (const resolve of waiting.splice(0)) resolve({ code: 0, text: error.message })
  }
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8')
    for (;;) {
      // A reply ends at a line whose fourth character is a space ("250 OK").
      const match = /(^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(buffer)
      if (!match) break
      const end = match.index + match[0].length
      const text = buffer.slice(0, end).trim()
      buffer = buffer.slice(end)
      const reply = { code: Number(match[2]), text }
      const resolve = waiting.shift()
      if (resolve) resolve(reply)
      else ready.push(reply)
    }
  })
  socket.on('error', failAll)
  socket.on('close', () => failAll(new Error('the SMTP server closed the connection')))
  return () => {
    const reply = ready.shift()
    if (reply) return Promise.resolve(reply)
    if (failure) return Promise.resolve({ code: 0, text: (failure as Error).message })
    return new Promise((resolve) => waiting.push(resolve))
  }
}

/** Dot-stuffing and CRLF line ends for the DATA section (RFC 5321 §4.5.2). */
export function encodeMessage(message: MailMessage, dateText: string): string {
  const header = [
    `From: ${message.from}`,
    `To: ${message.to}`,
    `Subject: ${encodeHeader(message.subject)}`,
    `Date: ${dateText}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ]
  const body = message.text.split(/\r?\n/).map((line) => (line.startsWith('.') ? `.${line}` : line))
  return [...header, '', ...body].join('\r\n') + '\r\n.\r\n'
}

/** A header value with non-ASCII characters as an RFC 2047 encoded word. */
function encodeHeader(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?utf-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`
}

const isAddress = (text: string): boolean => /^[^\s<>@]+@[^\s<>@]+$/.test(text)

/** Sends one message per connection to `server`; rejects with the step and the server's reply on failure. */
export async function sendMail(server: { host: string; port: number }, message: MailMessage): Promise<void> {
  for (const address of [message.from, message.to]) {
    if (!isAddress(address)) throw new Error(`"${address}" is not an e-mail address`)
  }
  const socket = new Socket()
  socket.setTimeout(TIMEOUT_MS, () =>
    socket.destroy(new Error(`no answer from ${server.host}:${server.port}`)),
  )
  const read = createReplyReader(socket)
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.connect(server.port, server.host, () => {
      socket.off('error', reject)
      resolve()
    })
  })
  const expect = async (step: string, codes: number[]): Promise<void> => {
    const reply = await read()
    if (!codes.includes(reply.code))
      throw new Error(`SMTP ${step} refused by ${server.host}:${server.port}: ${reply.text}`)
  }
  const send = (line: string): void => {
    socket.write(line + '\r\n')
  }
  try {
    await expect('greeting', [220])
    send('EHLO empreinte.localhost')
    await expect('EHLO', [250])
    send(`MAIL FROM:<${message.from}>`)
    await expect('MAIL FROM', [250])
    send(`RCPT TO:<${message.to}>`)
    await expect('RCPT TO', [250, 251])
    send('DATA')
    await expect('DATA', [354])
    socket.write(encodeMessage(message, new Date().toUTCString()))
    await expect('message', [250])
    send('QUIT')
    await expect('QUIT', [221])
  } finally {
    socket.destroy()
  }
}

/** The Mailer port over `sendMail`. */
export function createSmtpMailer(): Mailer {
  return { send: sendMail }
}
