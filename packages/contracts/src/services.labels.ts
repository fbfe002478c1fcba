import type { Labels } from './labels.ts';
import type {
  AcceptanceState, CalendarDayKind, RequestChannel, RequestStatus, ServiceListKind, StationFacility, StationLevel, TransferState,
} from './services.ts';

/** Position levels (DOMAIN.md §3: 服务中心 → 服务分中心 → 职工服务站 → 服务点; 爱心接力站, 驿站, 妈咪小屋). */
export const stationLevelLabels: Labels<StationLevel> = {
  centre: { 'zh-CN': '工会服务中心', en: 'Union service centre' },
  sub_centre: { 'zh-CN': '服务分中心', en: 'Service sub-centre' },
  station: { 'zh-CN': '职工服务站', en: 'Workers\' service station' },
  point: { 'zh-CN': '服务点', en: 'Service point' },
  relay: { 'zh-CN': '爱心接力站', en: 'Outdoor workers\' relay station' },
  inn: { 'zh-CN': '驿站', en: 'Rest stop' },
  mommy_room: { 'zh-CN': '妈咪小屋', en: 'Mothers\' room' },
};

export const stationFacilityLabels: Labels<StationFacility> = {
  hot_water: { 'zh-CN': '热水', en: 'Hot water' },
  fridge: { 'zh-CN': '冰箱', en: 'Fridge' },
  microwave: { 'zh-CN': '微波炉', en: 'Microwave' },
  charging: { 'zh-CN': '充电', en: 'Charging' },
  toilet: { 'zh-CN': '卫生间', en: 'Toilet' },
  seats: { 'zh-CN': '座椅', en: 'Seats' },
};

export const acceptanceStateLabels: Labels<AcceptanceState> = {
  pending: { 'zh-CN': '待验收', en: 'Awaiting check' },
  accepted: { 'zh-CN': '已验收', en: 'Accepted' },
  failed: { 'zh-CN': '验收未通过', en: 'Check failed' },
};

export const calendarDayKindLabels: Labels<CalendarDayKind> = {
  holiday: { 'zh-CN': '休息日（节假日）', en: 'Holiday' },
  workday: { 'zh-CN': '调休上班', en: 'Make-up working day' },
};

export const requestChannelLabels: Labels<RequestChannel> = {
  station: { 'zh-CN': '阵地受理', en: 'At a station' },
  hotline: { 'zh-CN': '热线', en: 'Hotline' },
  h5: { 'zh-CN': '手机端', en: 'Phone (H5)' },
};

export const requestStatusLabels: Labels<RequestStatus> = {
  received: { 'zh-CN': '待受理', en: 'Awaiting acceptance' },
  in_progress: { 'zh-CN': '办理中', en: 'In progress' },
  paused: { 'zh-CN': '待补正', en: 'Waiting for materials' },
  resolved: { 'zh-CN': '已办结待评价', en: 'Resolved, awaiting rating' },
  closed: { 'zh-CN': '已关闭', en: 'Closed' },
};

export const transferStateLabels: Labels<TransferState> = {
  pending: { 'zh-CN': '转办待接收', en: 'Handed on, awaiting acceptance' },
  accepted: { 'zh-CN': '转办已接收', en: 'Handed on, accepted' },
};

export const serviceListKindLabels: Labels<ServiceListKind> = {
  service: { 'zh-CN': '服务清单', en: 'Service list' },
  responsibility: { 'zh-CN': '责任清单', en: 'Responsibility list' },
  resource: { 'zh-CN': '资源清单', en: 'Resource list' },
};
