import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ContactButton } from '../../../features/support/contact-button/contact-button';
import { claimsPageUrl } from '../../../routes';
import './index.scss';

interface Question {
  q: string;
  a: string[];
}

/** Plain answers to what customers ask most; the words match the clauses and 我的理赔. */
export const FAQ: Question[] = [
  {
    q: '理赔需要我申请吗？',
    a: [
      '不需要。我们的产品都是「触发即赔」：航班延误险按航班公开的实际到达时间判定，高温险、景区下雨险按气象站的观测数据判定。',
      '数据一到、达到条款约定的条件，系统就会自动生成理赔，您无需报案、无需上传材料。',
    ],
  },
  {
    q: '「延误 1 小时 / 2 小时」是怎么算的？',
    a: [
      '从您投保时航班公布的「计划到达时间」算起，到航班「实际到达时间」为止。',
      '2 小时版（FD120）晚到满 120 分钟即赔；1 小时版（FD60）晚到满 60 分钟即赔。延误原因不限，天气、航空管制等都算；航班取消或备降也全额赔付。',
      '例如：计划 10:20 到达，实际 12:46 到达，晚到 146 分钟，两种版本都赔付。',
    ],
  },
  {
    q: '赔款什么时候到？红包怎么领？',
    a: [
      '理赔生成后，您会收到服务通知，「我的 → 我的理赔」里会出现一个红包。点「拆」确认领取，赔款通过微信支付转入您的微信零钱，到账后理赔显示「已到账」。',
      '红包需在 24 小时内领取；过期也没关系，再次打开理赔页面即可重新领取。',
      '航班在计划到达 6 小时后仍没有最终状态的，会转人工审核，结果同样通过服务通知告诉您。',
    ],
  },
  {
    q: '还没生效的保单可以退吗？',
    a: [
      '可以。航班延误险在航班计划起飞前、天气险在保障首日开始前，都可以在保单页点「退保」，保费全额原路退回微信支付，到账时间以微信支付为准，保单页会显示退款进度。',
      '航班已起飞、取消或备降后，或保障已开始的保单，不能退保。',
    ],
  },
  {
    q: '为什么我的航班晚了却没有赔？',
    a: [
      '请先确认晚到时间是否达到您所买版本的门槛（60 或 120 分钟），以及航班号、日期是否与保单一致。理赔页面会列出判定依据：计划到达、实际到达和晚到分钟数。',
      '如果您认为数据有误，请联系客服，我们会核对航班公开信息。',
    ],
  },
  {
    q: '怎么联系客服？',
    a: [
      '在「我的 → 联系客服」、保单页或理赔页点「联系客服」即可留言，从保单或理赔页进入时会自动带上单号。客服会尽快回复；回复会显示在对话里。',
      '如对处理结果不满意，可以在对话中提出投诉，我们会在 15 日内给出处理结果。',
    ],
  },
];

/** 常见问题 / 理赔说明: how automatic claims work, in plain Chinese, and how to reach us. */
export default function FaqPage() {
  const [open, setOpen] = useState<number | null>(0);
  return (
    <View className="page faq-page">
      <View className="faq-hero">
        <Text className="faq-hero__title">理赔说明</Text>
        <Text className="faq-hero__body">触发即赔，无需报案；赔款以微信红包转入零钱。</Text>
      </View>
      <View className="faq-list">
        {FAQ.map((item, index) => (
          <View key={item.q} className="faq-item" data-testid="faq-item">
            <View className="faq-item__q" onClick={() => setOpen(open === index ? null : index)}>
              <Text>{item.q}</Text>
              <Text className="faq-item__toggle">{open === index ? '－' : '＋'}</Text>
            </View>
            {open === index ? (
              <View className="faq-item__a">
                {item.a.map((line) => (
                  <Text key={line} className="faq-item__line">
                    {line}
                  </Text>
                ))}
              </View>
            ) : null}
          </View>
        ))}
      </View>
      <Text className="faq-link" onClick={() => void Taro.navigateTo({ url: claimsPageUrl() })}>
        查看我的理赔 ›
      </Text>
      <ContactButton />
    </View>
  );
}
