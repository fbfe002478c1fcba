import {
  industryNames,
  type ApplicationStatus,
  type AuditAction,
  type CampaignStage,
  type LetterKind,
  type SantongshiPhase,
  type TargetStatus,
  type JoinChannel,
  type MemberCategory,
  type MemberStatus,
  type Occupation,
  type RoutingReason,
  type IndustrySection,
  type Locale,
  type OrgKind,
  type OrgStatus,
  type Ownership,
  type Role,
  type SizeBand,
  type UnionStatus,
} from '@lianxin/contracts';

type Labels<K extends string> = Record<K, Record<Locale, string>>;

export const orgKindLabels: Labels<OrgKind> = {
  city_federation: { 'zh-CN': '市总工会', en: 'City federation' },
  district_federation: { 'zh-CN': '区总工会', en: 'District federation' },
  industry_union: { 'zh-CN': '产业工会', en: 'Industrial union' },
  street_federation: { 'zh-CN': '街镇总工会', en: 'Street / town federation' },
  regional_federation: { 'zh-CN': '区域性工会联合会', en: 'Regional federation' },
  industry_federation: { 'zh-CN': '行业性工会联合会', en: 'Industry federation' },
  park_federation: { 'zh-CN': '园区工会联合会', en: 'Park federation' },
  building_federation: { 'zh-CN': '楼宇工会联合会', en: 'Building federation' },
  business_district_federation: { 'zh-CN': '商圈工会联合会', en: 'Business-district federation' },
  grid_federation: { 'zh-CN': '网格工会联合会', en: 'Grid federation' },
  street_front_federation: { 'zh-CN': '街面工会联合会', en: 'Street-front federation' },
  community_federation: { 'zh-CN': '社区工会联合会', en: 'Community federation' },
  residence_federation: { 'zh-CN': '租住地工会联合会', en: 'Residence federation' },
  project_site_federation: { 'zh-CN': '项目工地工会联合会', en: 'Project-site federation' },
  fellowship_union: { 'zh-CN': '联谊工会', en: 'Fellowship union' },
  joint_union: { 'zh-CN': '联合工会', en: 'Joint union' },
  enterprise_union: { 'zh-CN': '企业工会', en: 'Enterprise union' },
  branch_union: { 'zh-CN': '分会', en: 'Branch union' },
};

/** Tag colours by level: federations above the street, the street, the "小二级" federations, enterprise level. */
export const orgKindColors: Record<OrgKind, string> = {
  city_federation: 'red',
  district_federation: 'volcano',
  industry_union: 'volcano',
  street_federation: 'orange',
  regional_federation: 'blue',
  industry_federation: 'blue',
  park_federation: 'blue',
  building_federation: 'blue',
  business_district_federation: 'blue',
  grid_federation: 'blue',
  street_front_federation: 'blue',
  community_federation: 'blue',
  residence_federation: 'blue',
  project_site_federation: 'blue',
  fellowship_union: 'geekblue',
  joint_union: 'geekblue',
  enterprise_union: 'green',
  branch_union: 'cyan',
};

export const orgStatusLabels: Labels<OrgStatus> = {
  active: { 'zh-CN': '正常', en: 'Active' },
  preparing: { 'zh-CN': '筹建中', en: 'Preparing' },
  dissolved: { 'zh-CN': '已撤销', en: 'Dissolved' },
};

export const roleLabels: Labels<Role> = {
  city_staff: { 'zh-CN': '市总工会', en: 'City staff' },
  district_staff: { 'zh-CN': '区总工会', en: 'District staff' },
  street_staff: { 'zh-CN': '街镇总工会', en: 'Street staff' },
  social_worker: { 'zh-CN': '工会社工', en: 'Social worker' },
  enterprise_chair: { 'zh-CN': '企业工会主席', en: 'Enterprise union chair' },
  member: { 'zh-CN': '会员', en: 'Member' },
  assessor: { 'zh-CN': '第三方评估（只读）', en: 'Assessor (read-only)' },
};

export const unionStatusLabels: Labels<UnionStatus> = {
  own: { 'zh-CN': '已单独建会', en: 'Own union' },
  covered: { 'zh-CN': '联合覆盖', en: 'Covered jointly' },
  none: { 'zh-CN': '未建会', en: 'No union' },
};

export const unionStatusColors: Record<UnionStatus, string> = { own: 'green', covered: 'blue', none: 'red' };

export const sizeBandLabels: Labels<SizeBand> = {
  lt25: { 'zh-CN': '25 人以下', en: 'Under 25' },
  '25to99': { 'zh-CN': '25–99 人', en: '25–99' },
  '100to299': { 'zh-CN': '100–299 人', en: '100–299' },
  '300to999': { 'zh-CN': '300–999 人', en: '300–999' },
  '1000plus': { 'zh-CN': '1000 人及以上', en: '1,000 and more' },
};

export const ownershipLabels: Labels<Ownership> = {
  private: { 'zh-CN': '私营', en: 'Private' },
  individual: { 'zh-CN': '个体', en: 'Individual business' },
  foreign: { 'zh-CN': '外商投资', en: 'Foreign-invested' },
  hk_mo_tw: { 'zh-CN': '港澳台投资', en: 'Hong Kong, Macao or Taiwan invested' },
  mixed: { 'zh-CN': '混合所有制（非公控股）', en: 'Mixed (non-public control)' },
  state: { 'zh-CN': '国有', en: 'State-owned' },
  collective: { 'zh-CN': '集体', en: 'Collective' },
};

export const auditActionLabels: Labels<AuditAction> = {
  create: { 'zh-CN': '新增', en: 'Create' },
  update: { 'zh-CN': '修改', en: 'Update' },
  delete: { 'zh-CN': '删除', en: 'Delete' },
  move: { 'zh-CN': '调整隶属', en: 'Move' },
  read_personal: { 'zh-CN': '查看个人信息', en: 'Read personal data' },
  login: { 'zh-CN': '登录', en: 'Sign in' },
  logout: { 'zh-CN': '退出', en: 'Sign out' },
  login_failed: { 'zh-CN': '登录失败', en: 'Failed sign-in' },
};

/** Object types the audit log is known to carry; others are shown as they come. */
export const auditObjectTypeLabels: Record<string, Record<Locale, string>> = {
  enterprise: { 'zh-CN': '企业', en: 'Enterprise' },
  org: { 'zh-CN': '组织', en: 'Organisation' },
  user: { 'zh-CN': '用户', en: 'User' },
  session: { 'zh-CN': '会话', en: 'Session' },
  member: { 'zh-CN': '会员', en: 'Member' },
  campaign_item: { 'zh-CN': '建会攻坚', en: 'Union-building campaign' },
  coverage_target: { 'zh-CN': '建会入会目标', en: 'Coverage target' },
  target_rule: { 'zh-CN': '目标企业口径', en: 'Target-enterprise rule' },
  enterprise_letter: { 'zh-CN': '两书', en: 'Letter' },
  santongshi_task: { 'zh-CN': '三同时任务', en: 'Santongshi task' },
};

export function industryLabel(section: IndustrySection, locale: Locale): string {
  return `${section} ${industryNames[section][locale]}`;
}

export const occupationLabels: Labels<Occupation> = {
  rider: { 'zh-CN': '网约送餐员', en: 'Food-delivery rider' },
  courier: { 'zh-CN': '快递员', en: 'Courier' },
  domestic: { 'zh-CN': '家政服务员', en: 'Domestic worker' },
  carer: { 'zh-CN': '护理员', en: 'Carer' },
  trucker: { 'zh-CN': '货车司机', en: 'Truck driver' },
  property: { 'zh-CN': '物业服务', en: 'Property services' },
  catering: { 'zh-CN': '餐饮服务', en: 'Catering' },
  factory: { 'zh-CN': '工厂职工', en: 'Factory worker' },
  office: { 'zh-CN': '办公室职员', en: 'Office worker' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const memberCategoryLabels: Labels<MemberCategory> = {
  standard: { 'zh-CN': '标准劳动关系', en: 'Standard employment' },
  informal: { 'zh-CN': '非正规就业', en: 'Informal employment' },
  non_standard: { 'zh-CN': '非标准劳动关系', en: 'Non-standard labour relation' },
  no_union: { 'zh-CN': '无单独建会', en: 'No union at the workplace' },
};

export const memberCategoryColors: Record<MemberCategory, string> = { standard: 'default', informal: 'orange', non_standard: 'gold', no_union: 'purple' };

export const joinChannelLabels: Labels<JoinChannel> = {
  enterprise_union: { 'zh-CN': '企业工会入会', en: 'Through the enterprise union' },
  online: { 'zh-CN': '网上入会', en: 'Online' },
  out_of_enterprise: { 'zh-CN': '企业外入会', en: 'Outside the enterprise' },
  on_site: { 'zh-CN': '现场入会', en: 'On site' },
  import: { 'zh-CN': '批量导入', en: 'Roster import' },
};

export const memberStatusLabels: Labels<MemberStatus> = {
  active: { 'zh-CN': '在会', en: 'Active' },
  left: { 'zh-CN': '已离会', en: 'Left' },
};

export const memberStatusColors: Record<MemberStatus, string> = { active: 'green', left: 'default' };

export const applicationStatusLabels: Labels<ApplicationStatus> = {
  pending: { 'zh-CN': '待审批', en: 'Pending' },
  approved: { 'zh-CN': '已通过', en: 'Approved' },
  rejected: { 'zh-CN': '未通过', en: 'Rejected' },
};

export const applicationStatusColors: Record<ApplicationStatus, string> = { pending: 'processing', approved: 'success', rejected: 'error' };

/** Short labels of why an application went where it went (the full sentence is the API's `reason`). */
export const routingReasonLabels: Labels<RoutingReason> = {
  own_union: { 'zh-CN': '单位已建会', en: 'Own union' },
  covering_union: { 'zh-CN': '联合建会覆盖', en: 'Covering union' },
  industry_federation: { 'zh-CN': '行业工会联合会', en: 'Industry federation' },
  territorial_union: { 'zh-CN': '属地街镇工会', en: 'Area union' },
};

export const transferStatusLabels: Labels<'pending' | 'approved' | 'rejected'> = {
  pending: { 'zh-CN': '待处理', en: 'Pending' },
  approved: { 'zh-CN': '已同意', en: 'Approved' },
  rejected: { 'zh-CN': '已拒绝', en: 'Rejected' },
};

export const targetStatusLabels: Labels<TargetStatus> = {
  met: { 'zh-CN': '达标', en: 'On target' },
  near: { 'zh-CN': '接近', en: 'Near' },
  behind: { 'zh-CN': '落后', en: 'Behind' },
  none: { 'zh-CN': '无目标', en: 'No target' },
};

/** Tag colours of a target status: met green, near orange, behind red, none grey. */
export const targetStatusColors: Record<TargetStatus, string> = { met: 'green', near: 'orange', behind: 'red', none: 'default' };

export const campaignStageLabels: Labels<CampaignStage> = {
  not_contacted: { 'zh-CN': '未接触', en: 'Not contacted' },
  publicised: { 'zh-CN': '已宣传', en: 'Publicised' },
  preparing: { 'zh-CN': '筹备中', en: 'Preparing' },
  built: { 'zh-CN': '已建会', en: 'Union built' },
  refused: { 'zh-CN': '拒绝建会', en: 'Refused' },
};

export const campaignStageColors: Record<CampaignStage, string> = {
  not_contacted: 'default',
  publicised: 'blue',
  preparing: 'gold',
  built: 'green',
  refused: 'red',
};

/** The "两书" issued to an enterprise that refuses to build a union. */
export const letterKindLabels: Labels<LetterKind> = {
  rectification_opinion: { 'zh-CN': '工会组建法律监督整改意见书', en: 'Rectification opinion (legal supervision of union building)' },
  handling_suggestion: { 'zh-CN': '处理建议书', en: 'Handling suggestion' },
};

/** 三同时: the union follows a new enterprise through registration, construction and opening. */
export const santongshiPhaseLabels: Labels<SantongshiPhase> = {
  registration: { 'zh-CN': '登记时签订建会协议', en: 'Union agreement signed at registration' },
  construction: { 'zh-CN': '筹建时筹备工会', en: 'Union prepared during construction' },
  opening: { 'zh-CN': '开业时运行工会', en: 'Union running at opening' },
};
