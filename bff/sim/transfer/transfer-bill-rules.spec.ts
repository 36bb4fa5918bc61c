import { describe, expect, it } from '@jest/globals';
import { parseTransferBill } from './transfer-bill-rules.js';

const APPID = 'wx_sim_app';
const marketing = (overrides: Record<string, unknown> = {}) => ({
  appid: APPID,
  out_bill_no: 'CR0123456789ABCDEF01234567A1',
  transfer_scene_id: '1000',
  openid: 'o_user',
  transfer_amount: 500,
  transfer_remark: '邀请好友活动奖励',
  user_recv_perception: '活动奖励',
  transfer_scene_report_infos: [
    { info_type: '活动名称', info_content: '邀好友看条款' },
    { info_type: '奖励说明', info_content: '固定奖励5元' },
  ],
  ...overrides,
});

describe('transfer bill rules of the cash-marketing scene 1000', () => {
  it('accepts a prize with its perception text and exactly 活动名称 and 奖励说明', () => {
    expect(parseTransferBill(marketing(), APPID).transfer_scene_id).toBe('1000');
    expect(parseTransferBill(marketing({ user_recv_perception: '现金奖励' }), APPID).transfer_amount).toBe(500);
  });

  it('refuses the claim perception, missing or claim report labels, and scenes the merchant has not opened', () => {
    expect(() => parseTransferBill(marketing({ user_recv_perception: '保险理赔款' }), APPID)).toThrow(/场景1000/);
    expect(() =>
      parseTransferBill(
        marketing({ transfer_scene_report_infos: [{ info_type: '活动名称', info_content: 'x' }] }),
        APPID,
      ),
    ).toThrow(/活动名称、奖励说明/);
    expect(() =>
      parseTransferBill(
        marketing({
          transfer_scene_report_infos: [
            { info_type: '保险名称', info_content: 'x' },
            { info_type: '保险操作单号', info_content: 'y' },
          ],
        }),
        APPID,
      ),
    ).toThrow(/场景1000/);
    expect(() => parseTransferBill(marketing({ transfer_scene_id: '1005' }), APPID)).toThrow(/1005/);
  });
});
