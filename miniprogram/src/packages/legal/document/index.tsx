import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { Consent, LegalDocument } from '@xiaoan/shared';
import { useEffect, useState } from 'react';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { fetchMyConsents } from '../../../features/legal/consent.api';
import { LEGAL_TEXTS, versionLabel } from '../../../features/legal/legal-documents';
import { HOME_PAGE } from '../../../routes';
import { formatShanghaiDateTime } from '../../../utils/shanghai-date';
import './index.scss';

const isDocument = (value: string | undefined): value is LegalDocument => value === 'privacy' || value === 'terms';

/** 隐私政策 / 用户协议: the text in force, its version, and when this customer agreed to it. */
export default function LegalDocumentPage() {
  const { params } = useRouter();
  const doc = params.doc;
  const [consent, setConsent] = useState<Consent | null>(null);

  useEffect(() => {
    if (!isDocument(doc)) return undefined;
    let current = true;
    // Optional: outside WeChat there is no session, and the text is still worth reading.
    fetchMyConsents()
      .then(
        (answer) =>
          current &&
          setConsent(
            answer.items.find((item) => item.document === doc && item.version === LEGAL_TEXTS[doc].version) ?? null,
          ),
      )
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [doc]);

  if (!isDocument(doc)) {
    return (
      <View className="page legal-page">
        <EmptyState
          icon="📄"
          title="没有找到该文件"
          description="请从「我的」重新打开"
          actionText="返回首页"
          onAction={() => void Taro.switchTab({ url: HOME_PAGE })}
        />
      </View>
    );
  }
  const text = LEGAL_TEXTS[doc];
  return (
    <View className="page legal-page" data-doc={doc}>
      <Text className="legal-page__title">{text.title}</Text>
      <Text className="legal-page__version">版本：{versionLabel(text.version)}生效</Text>
      {consent ? (
        <Text className="legal-page__consent">您已于 {formatShanghaiDateTime(consent.acceptedAt)} 同意本版本</Text>
      ) : null}
      {text.sections.map((section) => (
        <View key={section.heading} className="legal-page__section">
          <Text className="legal-page__heading">{section.heading}</Text>
          <Text className="legal-page__body">{section.body}</Text>
        </View>
      ))}
    </View>
  );
}
