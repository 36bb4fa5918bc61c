import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import {
  beijingDateOf,
  beijingMinuteOfDay,
  formatCny,
  ID_TYPE_LABELS,
  RELATIONSHIP_LABELS,
  type PolicyDetail,
  type ProductTerms,
} from '@xiaoan/shared';
import { productKind } from '../../../products/index.js';
import type { PolicyDocumentFonts } from './policy-document-fonts.js';

/** What the e-policy states: the policy as issued, its version's exclusions and where to verify it. */
export interface PolicyDocumentFacts {
  policy: PolicyDetail;
  /** The terms of the version the policy was sold under (what triggers a flight-delay payout). */
  terms: ProductTerms | null;
  exclusions: readonly string[];
  /** The 保单验真 page, with the policy number filled in: the QR code's content. */
  verifyUrl: string;
  generatedAt: Date;
}

type Row = readonly [label: string, value: string];

const BRAND = '#00a870';
const INK = '#1f2329';
const INK_2 = '#4e5969';
const INK_3 = '#86909c';
const LINE = '#e5e6eb';
const WARN = '#ad4e00';

const PAGE_MARGIN = 48;
const LABEL_WIDTH = 70;
const QR_CELL = 2.6;

/** `2027-06-25 14:05` on the Beijing wall clock, whatever the server's zone. */
const formatBeijingMinute = (instant: Date | string): string => {
  const at = new Date(instant);
  const minute = beijingMinuteOfDay(at);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${beijingDateOf(at)} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
};

/**
 * The electronic policy (电子保单) as an A4 PDF: the contract's facts as issued (masked personal
 * data: the document is made to be forwarded), what it covers and when it pays, the version's
 * highlighted exclusions, and a QR code to the public 保单验真 page (compliance.md row 9).
 * Deterministic for the same facts, so a test can read it back.
 */
export const renderPolicyDocument = (facts: PolicyDocumentFacts, fonts: PolicyDocumentFonts): Promise<Buffer> => {
  const { policy } = facts;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE_MARGIN, bottom: 28, left: PAGE_MARGIN, right: PAGE_MARGIN },
    info: {
      Title: `电子保险单 ${policy.policyNo}`,
      Author: policy.insurerName,
      Subject: policy.productName,
      CreationDate: facts.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // pdfkit takes an already parsed fontkit font (its typings only list files and bytes).
  doc.registerFont('regular', fonts.regular as unknown as Buffer);
  doc.registerFont('bold', fonts.bold as unknown as Buffer);

  const left = PAGE_MARGIN;
  const width = doc.page.width - PAGE_MARGIN * 2;

  // Header band: what this is, who insures, its number; on the right the QR code to 保单验真.
  const qr = QRCode.create(facts.verifyUrl, { errorCorrectionLevel: 'M' });
  const qrSize = qr.modules.size * QR_CELL;
  const bandHeight = qrSize + 44;
  doc.rect(0, 0, doc.page.width, bandHeight).fill(BRAND);
  const qrLeft = left + width - qrSize;
  const qrTop = 22;
  doc.roundedRect(qrLeft - 6, qrTop - 6, qrSize + 12, qrSize + 12, 4).fill('#ffffff');
  for (let row = 0; row < qr.modules.size; row += 1) {
    for (let col = 0; col < qr.modules.size; col += 1) {
      if (qr.modules.get(row, col)) doc.rect(qrLeft + col * QR_CELL, qrTop + row * QR_CELL, QR_CELL, QR_CELL);
    }
  }
  doc.fill(INK);
  const headWidth = width - qrSize - 24;
  doc.fillColor('#ffffff').font('bold').fontSize(22).text('电子保险单', left, 26, { width: headWidth });
  doc.font('regular').fontSize(10).text(policy.insurerName, left, 58, { width: headWidth });
  doc.font('regular').fontSize(9).text('保单号', left, 80, { width: headWidth });
  doc.font('bold').fontSize(13).text(policy.policyNo, left, 92, { width: headWidth });
  doc
    .font('regular')
    .fontSize(8)
    .text('扫码验真 ›', left, qrTop + qrSize - 10, { width: width - qrSize - 14, align: 'right' });
  doc.y = bandHeight + 16;

  const section = (title: string) => {
    doc.moveDown(0.5);
    const y = doc.y;
    doc.rect(left, y + 2, 4, 14).fill(BRAND);
    doc
      .fillColor(INK)
      .font('bold')
      .fontSize(13)
      .text(title, left + 12, y, { width: width - 12 });
    doc.moveDown(0.4);
  };
  /** Label/value lines across the page; with `paired`, two facts side by side on each line. */
  const rows = (items: readonly Row[], paired = false) => {
    const columns = paired ? 2 : 1;
    const columnWidth = width / columns;
    for (let index = 0; index < items.length; index += columns) {
      const y = doc.y;
      let bottom = y;
      items.slice(index, index + columns).forEach(([label, value], column) => {
        const x = left + column * columnWidth;
        doc.fillColor(INK_3).font('regular').fontSize(9.5).text(label, x, y, { width: LABEL_WIDTH });
        bottom = Math.max(bottom, doc.y);
        doc
          .fillColor(INK)
          .font('regular')
          .fontSize(10)
          .text(value, x + LABEL_WIDTH, y, { width: columnWidth - LABEL_WIDTH - 8 });
        bottom = Math.max(bottom, doc.y);
      });
      doc.y = bottom + 3;
      doc
        .moveTo(left, doc.y - 1.5)
        .lineTo(left + width, doc.y - 1.5)
        .lineWidth(0.5)
        .strokeColor(LINE)
        .stroke();
      doc.y += 2.5;
    }
  };

  const persons = policy.insuredPersons ?? [];
  const first = persons[0];
  // 投保人: the WeChat user who bought it; when they insured themselves, the insured person.
  const buyer =
    !first || first.relationship === 'self'
      ? `${policy.insuredNameMasked}（即被保险人本人）`
      : `本微信账户持有人（为${RELATIONSHIP_LABELS[first.relationship]}投保）`;
  const insuredLine =
    persons.length > 1
      ? persons.map((person) => `${person.nameMasked}（${RELATIONSHIP_LABELS[person.relationship]}）`).join('、')
      : first && first.relationship !== 'self'
        ? `${policy.insuredNameMasked}（投保人的${RELATIONSHIP_LABELS[first.relationship]}）`
        : policy.insuredNameMasked;
  const documentLine =
    persons.length > 1
      ? persons.map((person) => `${person.nameMasked} ${ID_TYPE_LABELS[person.idType]} ${person.idMasked}`).join('；')
      : `${first ? `${ID_TYPE_LABELS[first.idType]} ` : ''}${policy.insuredIdMasked}`;
  section('保单信息');
  rows(
    [
      ['保险产品', policy.productName],
      ['承保公司', policy.insurerName],
      ['产品备案编号', policy.filingNo],
      ['投保人', buyer],
      ['被保险人', insuredLine],
      ['手机号码', policy.insuredPhoneMasked],
      ['客服热线', policy.insurerHotline ?? '—'],
      ['保险费', formatCny(policy.premiumFen)],
      ['签发时间', formatBeijingMinute(policy.issuedAt)],
      ['订单号', policy.orderNo],
    ],
    true,
  );
  rows([
    ['证件号码', documentLine],
    ['保险期间', productKind(policy.subject.kind).documentPeriod(policy.subject, policy)],
  ]);

  section('保障内容');
  rows(productKind(policy.subject.kind).documentRows(policy.subject, policy, facts.terms));
  doc
    .fillColor(INK_2)
    .font('regular')
    .fontSize(9.5)
    .text(
      '无需报案：达到赔付条件后系统自动理赔，赔款以微信支付商家转账发放至被保险人微信零钱（在小程序中点开红包确认收款）。',
      left,
      doc.y + 2,
      { width },
    );

  section('免责条款（请重点阅读）');
  facts.exclusions.forEach((exclusion, index) => {
    doc
      .fillColor(WARN)
      .font('regular')
      .fontSize(9.5)
      .text(`${index + 1}. ${exclusion}`, left, doc.y, { width });
    doc.moveDown(0.25);
  });
  doc
    .fillColor(INK_3)
    .font('regular')
    .fontSize(9)
    .text(`保险条款全文以备案编号 ${policy.filingNo} 的条款为准，可在小程序产品页查阅。`, left, doc.y + 2, { width });

  // Verification in words, for those who cannot scan the code at the top.
  doc.moveDown(0.8);
  doc.fillColor(INK).font('bold').fontSize(11).text('保单验真', left, doc.y, { width });
  doc
    .fillColor(INK_2)
    .font('regular')
    .fontSize(9.5)
    .text(
      '微信扫描右上角二维码，输入被保险人姓名即可核验本保单；也可在小程序「我的 › 保单验真」输入保单号核验。',
      left,
      doc.y + 3,
      { width },
    );
  doc
    .fillColor(INK_3)
    .fontSize(8)
    .text(facts.verifyUrl, left, doc.y + 2, { width });
  doc
    .fillColor(INK_3)
    .font('regular')
    .fontSize(8.5)
    .text(
      `本电子保单由${policy.insurerName}通过互联网签发，与纸质保单具有同等法律效力。${policy.insurerHotline ? `如有疑问请致电${policy.insurerName}客服热线 ${policy.insurerHotline}。` : ''}生成于 ${formatBeijingMinute(facts.generatedAt)}。`,
      left,
      doc.y + 6,
      { width },
    );

  doc.end();
  return finished;
};
