import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ID_TYPE_LABELS, RELATIONSHIP_LABELS, type SavedInsured } from '@xiaoan/shared';
import { useState } from 'react';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { ListError, ListLoading } from '../../../components/list-states/list-states';
import { deleteSavedInsured, fetchSavedInsureds } from '../../../features/insured/api/saved-insureds.api';
import { useShownList } from '../../../hooks/use-shown-list';
import { isApiError } from '../../../services/api-error';
import './index.scss';

/**
 * 我的 → 常用被保险人: the persons the customer chose to keep when buying (masked), each deleted for
 * good on request (the BFF removes the stored personal data; policies keep their own copy).
 */
export default function SavedInsuredsPage() {
  const { state, retry } = useShownList(fetchSavedInsureds);
  const [removed, setRemoved] = useState<string[]>([]);

  const remove = async (person: SavedInsured) => {
    const answer = await Taro.showModal({
      title: '删除常用被保险人',
      content: `删除后将清除 ${person.nameMasked} 的姓名、证件号码和手机号，已投保的保单不受影响。`,
      confirmText: '删除',
      confirmColor: '#d4380d',
    });
    if (!answer.confirm) return;
    try {
      await deleteSavedInsured(person.id);
      setRemoved((current) => [...current, person.id]);
      void Taro.showToast({ title: '已删除', icon: 'success' });
    } catch (error) {
      void Taro.showToast({ title: isApiError(error) ? error.message : '删除失败，请重试', icon: 'none' });
    }
  };

  switch (state.status) {
    case 'loading':
      return (
        <View className="page saved-insureds-page">
          <ListLoading text="正在加载…" />
        </View>
      );
    case 'error':
      return (
        <View className="page saved-insureds-page">
          <ListError error={state.error} wechatTitle="请在微信中查看常用被保险人" onRetry={retry} />
        </View>
      );
    case 'success': {
      const items = state.items.filter((person) => !removed.includes(person.id));
      if (items.length === 0) {
        return (
          <View className="page saved-insureds-page">
            <EmptyState
              icon="👥"
              title="还没有常用被保险人"
              description="投保时勾选“保存为常用被保险人”，下次可一键选择"
            />
          </View>
        );
      }
      return (
        <View className="page saved-insureds-page">
          {items.map((person) => (
            <View key={person.id} className="saved-person" data-saved-id={person.id}>
              <View className="saved-person__main">
                <Text className="saved-person__name">
                  {person.nameMasked}
                  <Text className="saved-person__kin">{RELATIONSHIP_LABELS[person.relationship]}</Text>
                </Text>
                <Text className="saved-person__id">
                  {ID_TYPE_LABELS[person.idType]} {person.idMasked}
                </Text>
                {person.phoneMasked ? <Text className="saved-person__id">手机号 {person.phoneMasked}</Text> : null}
              </View>
              <Text className="saved-person__delete" onClick={() => void remove(person)}>
                删除
              </Text>
            </View>
          ))}
          <Text className="saved-insureds-page__note">仅保存您同意保存的信息，加密存储；删除后无法恢复。</Text>
        </View>
      );
    }
  }
}
