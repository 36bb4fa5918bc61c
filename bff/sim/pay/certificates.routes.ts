import { X509Certificate } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { encryptResource } from '../crypto/resource-cipher.js';
import { V3Error } from '../http/v3-error.js';
import { registerV3Route, type QpsLimiter } from '../http/v3-route.js';
import type { SimContext } from '../sim-context.js';
import { toBeijingRfc3339 } from '../state/sim-clock.js';

/**
 * GET /v3/certificates: the platform certificates, each AES-256-GCM encrypted with the
 * APIv3 key (associated_data "certificate"). Merchants in public-key-only mode get
 * 404 RESOURCE_NOT_EXISTS, as WeChat answers them.
 */
export function registerCertificateRoutes(app: FastifyInstance, ctx: SimContext, limiter: QpsLimiter): void {
  const cert = new X509Certificate(ctx.keys.platform.certPem);
  registerV3Route(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v3/certificates',
      endpoint: 'certificates',
      handler: () => {
        if (ctx.signer.signingMode === 'public_key')
          throw new V3Error('RESOURCE_NOT_EXISTS', '无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥');
        return {
          status: 200,
          body: {
            data: [
              {
                serial_no: ctx.keys.platform.serial,
                effective_time: toBeijingRfc3339(Date.parse(cert.validFrom)),
                expire_time: toBeijingRfc3339(Date.parse(cert.validTo)),
                encrypt_certificate: encryptResource(ctx.keys.apiV3Key, ctx.keys.platform.certPem, 'certificate'),
              },
            ],
          },
        };
      },
    },
    limiter,
  );
}
