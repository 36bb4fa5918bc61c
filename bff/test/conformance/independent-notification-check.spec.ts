/**
 * Re-checks the simulator's callbacks from the documented algorithm alone (wechat.md §2, §4),
 * with node:crypto and nothing shared with the simulator or the adapters: key material is
 * read over HTTP from the simulator's dev-config, merchant requests are signed here by hand.
 */
import { createDecipheriv, createSign, createVerify, X509Certificate, createPublicKey, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimulator } from '../../sim/index.js';

interface DevConfig {
  WECHATPAY_ORIGIN: string;
  WECHAT_APPID: string;
  WECHATPAY_MCHID: string;
  WECHATPAY_MERCHANT_SERIAL: string;
  WECHATPAY_MERCHANT_PRIVATE_KEY: string;
  WECHATPAY_APIV3_KEY: string;
  WECHATPAY_PUBLIC_KEY: string;
  WECHATPAY_PUBLIC_KEY_ID: string;
  WECHATPAY_PLATFORM_CERT: string;
  WECHATPAY_PLATFORM_SERIAL: string;
}

describe('simulator callbacks checked independently with node:crypto', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let config: DevConfig;
  const callbacks: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      callbacks.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  let notifyUrl = '';

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    notifyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
    sim = await startSimulator({ signingMode: 'both' });
    config = (await (await fetch(`${sim.origin}/__sim/dev-config`)).json()) as DevConfig;
  });
  afterAll(async () => {
    await sim.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  /** Merchant request signing, from wechat.md §1. */
  async function merchantPost(
    path: string,
    payload: unknown,
  ): Promise<{ status: number; body: string; headers: Headers }> {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(12).toString('hex');
    const signature = createSign('RSA-SHA256')
      .update(`POST\n${path}\n${timestamp}\n${nonce}\n${body}\n`)
      .sign(config.WECHATPAY_MERCHANT_PRIVATE_KEY, 'base64');
    const authorization = `WECHATPAY2-SHA256-RSA2048 signature="${signature}",timestamp="${timestamp}",serial_no="${config.WECHATPAY_MERCHANT_SERIAL}",nonce_str="${nonce}",mchid="${config.WECHATPAY_MCHID}"`;
    const response = await fetch(`${config.WECHATPAY_ORIGIN}${path}`, {
      method: 'POST',
      headers: { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json' },
      body,
    });
    return { status: response.status, body: await response.text(), headers: response.headers };
  }

  function keyFor(serial: string) {
    if (serial === config.WECHATPAY_PUBLIC_KEY_ID) return createPublicKey(config.WECHATPAY_PUBLIC_KEY);
    if (serial === config.WECHATPAY_PLATFORM_SERIAL)
      return new X509Certificate(config.WECHATPAY_PLATFORM_CERT).publicKey;
    throw new Error(`unexpected serial ${serial}`);
  }

  function verify(timestamp: string, nonce: string, body: string, serial: string, signature: string): boolean {
    return createVerify('RSA-SHA256')
      .update(`${timestamp}\n${nonce}\n${body}\n`)
      .verify(keyFor(serial), signature, 'base64');
  }

  function decrypt(resource: { ciphertext: string; nonce: string; associated_data: string }): string {
    const bytes = Buffer.from(resource.ciphertext, 'base64');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      Buffer.from(config.WECHATPAY_APIV3_KEY),
      Buffer.from(resource.nonce),
    );
    decipher.setAAD(Buffer.from(resource.associated_data));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
  }

  it('signs responses and callbacks with SHA256withRSA over TIMESTAMP\\nNONCE\\nBODY\\n and encrypts the resource with AES-256-GCM', async () => {
    const outTradeNo = `IND${Date.now()}`;
    const order = await merchantPost('/v3/pay/transactions/jsapi', {
      appid: config.WECHAT_APPID,
      mchid: config.WECHATPAY_MCHID,
      description: '独立校验',
      out_trade_no: outTradeNo,
      notify_url: notifyUrl,
      amount: { total: 123, currency: 'CNY' },
      payer: { openid: 'oIndependent000000000000001' },
    });
    expect(order.status).toBe(200);
    const h = (n: string) => order.headers.get(n)!;
    expect(h('wechatpay-signature-type')).toBe('WECHATPAY2-SHA256-RSA2048');
    expect(
      verify(
        h('wechatpay-timestamp'),
        h('wechatpay-nonce'),
        order.body,
        h('wechatpay-serial'),
        h('wechatpay-signature'),
      ),
    ).toBe(true);

    const { prepay_id: prepayId } = JSON.parse(order.body) as { prepay_id: string };
    const paid = await fetch(`${sim.origin}/__sim/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prepayId }),
    });
    expect(paid.status).toBe(200);
    for (let i = 0; i < 200 && callbacks.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const [callback] = callbacks;
    const header = (n: string) => String(callback!.headers[n]);
    expect(Math.abs(Date.now() / 1000 - Number(header('wechatpay-timestamp')))).toBeLessThan(300);
    expect(
      verify(
        header('wechatpay-timestamp'),
        header('wechatpay-nonce'),
        callback!.body,
        header('wechatpay-serial'),
        header('wechatpay-signature'),
      ),
    ).toBe(true);

    const envelope = JSON.parse(callback!.body) as {
      event_type: string;
      resource_type: string;
      resource: {
        original_type: string;
        algorithm: string;
        ciphertext: string;
        nonce: string;
        associated_data: string;
      };
    };
    expect(envelope).toMatchObject({
      event_type: 'TRANSACTION.SUCCESS',
      resource_type: 'encrypt-resource',
      resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction' },
    });
    expect(Buffer.from(envelope.resource.nonce).length).toBe(12);
    const transaction = JSON.parse(decrypt(envelope.resource)) as Record<string, unknown>;
    expect(transaction).toMatchObject({
      out_trade_no: outTradeNo,
      trade_state: 'SUCCESS',
      mchid: config.WECHATPAY_MCHID,
      amount: { total: 123 },
    });

    // The last 16 bytes are the tag: flip one and decryption must fail.
    const bytes = Buffer.from(envelope.resource.ciphertext, 'base64');
    bytes[bytes.length - 1] ^= 0x80;
    expect(() => decrypt({ ...envelope.resource, ciphertext: bytes.toString('base64') })).toThrow();
    // And the signature covers the raw bytes: any change breaks it.
    expect(
      verify(
        header('wechatpay-timestamp'),
        header('wechatpay-nonce'),
        `${callback!.body} `,
        header('wechatpay-serial'),
        header('wechatpay-signature'),
      ),
    ).toBe(false);
  });
});
