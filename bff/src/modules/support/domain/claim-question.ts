import { formatCny, isValidBusinessNumber } from '@xiaoan/shared';
import { productKind } from '../../../products/index.js';
import type { ClaimFacts } from '../../claim/domain/claim-view.js';

/** Words customers use when they ask about a payout ("为什么没赔", "红包", "到账了吗"). */
const CLAIM_WORDS = /没赔|不赔|赔付|理赔|赔款|红包|到账|延误险|补贴|赔了/;

/** Policy (P…) and claim (C…) numbers in a message, check digit verified. */
export const businessNumbersIn = (text: string): { policyNos: string[]; claimNos: string[] } => {
  const found = [...text.toUpperCase().matchAll(/[PC]\d{16}/g)]
    .map((match) => match[0])
    .filter((value) => isValidBusinessNumber(value));
  return {
    policyNos: found.filter((value) => value.startsWith('P')),
    claimNos: found.filter((value) => value.startsWith('C')),
  };
};

export const isClaimQuestion = (text: string): boolean => {
  const { policyNos, claimNos } = businessNumbersIn(text);
  return CLAIM_WORDS.test(text) || policyNos.length > 0 || claimNos.length > 0;
};

/**
 * The automatic first answer to a claim question: the claim's status and the evidence it was
 * decided on, in plain Chinese, and where to go next. Counted against WeChat's reply quota.
 */
export const claimAnswerOf = (facts: ClaimFacts): string => {
  const subject = `您的${facts.productName}理赔 ${facts.claimNo}（保单 ${facts.policyNo}）`;
  const kind = productKind(facts.evidence.kind);
  const basis = `依据：${kind.claimBasis(facts.evidence)}。`;
  const tail = '如需人工客服，请直接留言，我们会尽快回复。';
  switch (facts.status) {
    case 'paid':
      return `【自动回复】${subject}已赔付 ${formatCny(facts.paidFen || facts.amountFen)}，已转入微信零钱。${basis}${tail}`;
    case 'approved':
    case 'offered':
    case 'failed':
    case 'expired':
      return `【自动回复】${subject}已批准赔付 ${formatCny(facts.amountFen)}，请在「我的 → 我的理赔」中点「拆」领取红包（发放后 24 小时内有效，过期可重新领取）。${basis}${tail}`;
    case 'manual_review':
      return `【自动回复】${subject}正在人工审核：${kind.manualReviewAnswer}。${basis}${tail}`;
    case 'rejected':
      return `【自动回复】${subject}未通过：${facts.rejectedReason ?? '未达到条款约定的赔付条件'}。${basis}${tail}`;
  }
};

/** A policy with no claim yet: nothing to file, it pays itself when the trigger is met. */
export const policyWithoutClaimAnswer = (policy: { policyNo: string; productName: string }): string =>
  `【自动回复】您的保单 ${policy.policyNo}（${policy.productName}）目前没有理赔记录。达到条款约定的赔付条件后，系统会自动赔付，无需申请；如需人工客服，请直接留言。`;
