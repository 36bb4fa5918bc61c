import { CURRENT_LEGAL_VERSIONS, type LegalDocument } from '@xiaoan/shared';

export interface LegalText {
  title: string;
  /** The version in force (shared with the BFF, which records consent to it). */
  version: string;
  sections: { heading: string; body: string }[];
}

/**
 * The texts a customer agrees to before giving personal information. A changed text gets a new
 * version in `CURRENT_LEGAL_VERSIONS` (shared), so consent to the old one is not taken for the new.
 */
export const LEGAL_TEXTS: Record<LegalDocument, LegalText> = {
  privacy: {
    title: '隐私政策',
    version: CURRENT_LEGAL_VERSIONS.privacy,
    sections: [
      {
        heading: '我们收集哪些信息',
        body: '为投保、核保和理赔，我们收集被保险人的姓名、证件号码和手机号，以及您的微信账号标识（openid）。航班和气象数据来自公开的数据服务，不涉及您的个人信息。',
      },
      {
        heading: '我们如何使用',
        body: '这些信息仅用于签发保单、保单验真、自动理赔和向您发放赔款、退款，以及依法留存交易记录。我们不会将其用于与保险服务无关的营销。',
      },
      {
        heading: '我们如何保护',
        body: '证件号码、姓名和手机号加密存储，页面与电子保单只显示脱敏信息，日志中不记录这些信息。只有经授权的客服人员在处理您的问题时可查看，且每次查看都有记录。',
      },
      {
        heading: '共享与保存',
        body: '我们仅与承保保险公司和微信支付共享完成保险服务所必需的信息。保单及理赔记录依法在保险期间结束后保存至少五年，期满后匿名化处理。',
      },
      {
        heading: '您的权利',
        body: '您可以查看保单信息，可以在「我的」中联系客服更正信息或撤回同意；撤回同意后，我们将无法继续为您提供投保服务，但不影响已生效保单的理赔。',
      },
    ],
  },
  terms: {
    title: '用户协议',
    version: CURRENT_LEGAL_VERSIONS.terms,
    sections: [
      {
        heading: '服务内容',
        body: '小安保险为您提供参数化保险的投保、保单管理、自动理赔和退保服务。保险责任以您所投保产品的条款和免责条款为准，由持牌保险公司承保。',
      },
      {
        heading: '如实告知',
        body: '请如实填写被保险人信息。为他人投保时，您应已征得被保险人同意。信息不实可能导致保单无法理赔。',
      },
      {
        heading: '支付与退保',
        body: '保费通过微信支付收取。航班延误险在航班计划起飞前、天气类保险在保障开始前，您可在保单页一键退保，保费全额原路退回。保障开始后不能退保。',
      },
      {
        heading: '理赔与赔款',
        body: '达到赔付条件后系统自动理赔，无需报案。赔款通过微信支付商家转账发放至您的微信零钱，需要您在小程序中确认领取。',
      },
      { heading: '协议变更', body: '本协议更新时，我们会在您下次投保前请您阅读并同意新版本。' },
    ],
  },
};

/** `2026-12-01` → `2026年12月1日`. */
export const versionLabel = (version: string): string => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(version);
  return match ? `${match[1]}年${Number(match[2])}月${Number(match[3])}日` : version;
};
