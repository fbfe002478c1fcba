import type { Locale } from './auth.ts';
import { fundsMessages } from './funds.messages.ts';

/**
 * Message keys used in schemas and errors, with their text per language. Schemas put a key into an issue's
 * message; the API and the web translate it for the user.
 */
export const messages = {
  required: { 'zh-CN': '必填项', en: 'Required' },
  'creditCode.length': { 'zh-CN': '统一社会信用代码应为 18 位', en: 'A unified social credit code has 18 characters' },
  'creditCode.charset': {
    'zh-CN': '统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）',
    en: 'A unified social credit code uses digits and capitals except I, O, Z, S, V',
  },
  'creditCode.checksum': {
    'zh-CN': '统一社会信用代码校验位不符，请核对',
    en: 'The check character does not match; please check the credit code',
  },
  'region.code': { 'zh-CN': '行政区划代码无效', en: 'Invalid administrative division code' },
  'region.unknown': { 'zh-CN': '不存在的行政区划', en: 'Unknown administrative division' },
  'region.streetRequired': { 'zh-CN': '请选择街道/镇', en: 'Choose a street or town' },
  'region.outOfScope': { 'zh-CN': '该区域不在您的管辖范围内', en: 'This area is outside your scope' },
  'phone.invalid': { 'zh-CN': '手机号码格式不正确', en: 'Invalid mobile number' },
  'date.invalid': { 'zh-CN': '日期不正确（格式 YYYY-MM-DD，须为实际存在的日期）', en: 'Not a real date (written YYYY-MM-DD)' },
  'id.invalid': { 'zh-CN': '编号不正确', en: 'Invalid id' },
  'text.nul': { 'zh-CN': '内容含有不允许的控制字符', en: 'The text contains a control character that is not allowed' },
  'text.surrogate': { 'zh-CN': '内容含有无法识别的字符', en: 'The text contains an unreadable character' },
  'name.tooShort': { 'zh-CN': '名称太短', en: 'Name is too short' },
  'name.tooLong': { 'zh-CN': '名称太长', en: 'Name is too long' },
  'enterprise.openedBeforeRegistered': {
    'zh-CN': '开业日期不能早于登记日期',
    en: 'Opening date cannot be before registration',
  },
  'enterprise.nearDuplicate': {
    'zh-CN': '已有名称相同或仅括号、空格、全半角不同的企业：{name}。如确为另一家企业，请确认后再保存',
    en: 'An enterprise with the same name (up to brackets, spaces or full-width forms) exists: {name}. Confirm to save a different enterprise',
  },
  'enterprise.duplicateCreditCode': {
    'zh-CN': '统一社会信用代码已登记：{name}',
    en: 'This credit code is already registered: {name}',
  },
  'org.parentInvalid': { 'zh-CN': '上级组织不可用', en: 'The parent organisation cannot be used' },
  'org.cycle': { 'zh-CN': '不能把组织移到它自己的下级', en: 'An organisation cannot move under its own descendant' },
  'org.enterpriseHasOwnUnion': {
    'zh-CN': '该企业已有企业工会：{name}',
    en: 'This enterprise already has its own union: {name}',
  },
  'org.enterpriseUnionNeedsOne': {
    'zh-CN': '企业工会须且仅须对应一家企业',
    en: 'An enterprise union covers exactly one enterprise',
  },
  'org.coverageNotAllowed': {
    'zh-CN': '只有工会联合会和联合工会可以覆盖多家企业',
    en: 'Only federations and joint unions cover several enterprises',
  },
  'idNumber.format': { 'zh-CN': '身份证号应为 18 位（最后一位可为 X）', en: 'An ID number has 18 characters (the last may be X)' },
  'idNumber.region': { 'zh-CN': '身份证号的地区码不存在', en: 'The ID number has no valid region code' },
  'idNumber.birthDate': { 'zh-CN': '身份证号中的出生日期不正确', en: 'The birth date in the ID number is impossible' },
  'idNumber.checksum': { 'zh-CN': '身份证号校验位不符，请核对', en: 'The ID number check digit does not match' },
  'person.nameInvalid': { 'zh-CN': '请填写真实姓名（2–30 字）', en: 'Enter your real name (2–30 characters)' },
  'person.nameCharacters': { 'zh-CN': '姓名只能由文字组成，可含间隔号（·）和空格', en: 'A name is made of letters, with middle dots (·) or spaces between them' },
  'person.nameControl': { 'zh-CN': '姓名含有不可见的控制字符或乱码，请重新输入', en: 'The name holds invisible control characters or broken text; type it again' },
  'person.tooYoung': { 'zh-CN': '入会须年满 16 周岁', en: 'Members must be at least 16' },
  'application.regionRequired': {
    'zh-CN': '没有固定单位时，请选择工作或居住的街镇',
    en: 'Without an employer, choose the street or district where you work or live',
  },
  'application.employerUnknown': { 'zh-CN': '未在企业名录中找到该单位', en: 'This employer is not in the registry' },
  'application.reasonRequired': { 'zh-CN': '请填写原因', en: 'Give a reason' },
  'application.referenceFormat': { 'zh-CN': '申请编号为 10 位字母或数字', en: 'A reference has 10 letters or digits' },
  'application.notPending': { 'zh-CN': '该申请已处理', en: 'This application has already been decided' },
  'member.alreadyActive': {
    'zh-CN': '此人已是{union}的会员，可申请组织关系转接',
    en: 'This person is already a member of {union}; ask for a transfer instead',
  },
  'member.notActive': { 'zh-CN': '该会员已离会', en: 'This member has left' },
  'transfer.sameUnion': { 'zh-CN': '转入组织与当前组织相同', en: 'The receiving union is the current one' },
  'transfer.pendingExists': { 'zh-CN': '已有待处理的转接申请', en: 'A transfer is already pending' },
  'transfer.targetInvalid': { 'zh-CN': '转入组织不可用', en: 'The receiving union cannot take members' },
  'otp.format': { 'zh-CN': '验证码为 6 位数字', en: 'The code has 6 digits' },
  'otp.invalid': { 'zh-CN': '验证码错误或已过期', en: 'Wrong or expired code' },
  'routing.own_union': { 'zh-CN': '你的单位已建会：提交至{org}', en: 'Your employer has a union: sent to {org}' },
  'routing.covering_union': {
    'zh-CN': '你的单位已加入联合建会：提交至{org}',
    en: 'Your employer is covered by a joint union or federation: sent to {org}',
  },
  'routing.industry_federation': {
    'zh-CN': '你的单位尚未建会：提交至{org}',
    en: 'Your employer has no union yet: sent to the industry federation {org}',
  },
  'routing.industry_federation_no_employer': {
    'zh-CN': '按你的职业：提交至{org}',
    en: 'By your occupation: sent to {org}',
  },
  'routing.territorial_union': { 'zh-CN': '提交至所在街镇工会：{org}', en: 'Sent to the union of your area: {org}' },
  'import.fileRequired': { 'zh-CN': '请上传 xlsx 或 csv 文件', en: 'Upload an xlsx or csv file' },
  'import.fileType': { 'zh-CN': '只支持 xlsx 或 csv 文件', en: 'Only xlsx and csv files can be imported' },
  'import.fileTooLarge': { 'zh-CN': '文件太大（最大 {max} MB）', en: 'The file is too large (at most {max} MB)' },
  'import.fileUnreadable': { 'zh-CN': '无法读取该文件，请使用下载的模板', en: 'The file cannot be read; use the downloaded template' },
  'import.headerMissing': { 'zh-CN': '缺少列：{columns}', en: 'Missing columns: {columns}' },
  'import.empty': { 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  'import.tooManyRows': { 'zh-CN': '一次最多导入 {max} 行', en: 'At most {max} rows per import' },
  'import.valueInvalid': { 'zh-CN': '内容不正确', en: 'Invalid value' },
  'import.occupationUnknown': { 'zh-CN': '职业不在可选范围内（见模板批注）', en: 'Unknown occupation (see the template notes)' },
  'import.categoryUnknown': { 'zh-CN': '会员类别不在可选范围内（见模板批注）', en: 'Unknown member category (see the template notes)' },
  'import.joinedInFuture': { 'zh-CN': '入会日期不能晚于今天', en: 'The joining date cannot be in the future' },
  'import.joinedTooYoung': { 'zh-CN': '入会日期早于本人年满 16 周岁之日', en: 'The joining date is before the person turned 16' },
  'import.numericIdentifier': {
    'zh-CN': '该格被 Excel 存成了数字，超过 15 位的部分已被改写（号码已不可靠）；请把此列设为“文本”格式后重新填写',
    en: 'Excel stored this cell as a number and rewrote the digits after the 15th; format the column as Text and enter it again',
  },
  'import.unstorable': { 'zh-CN': '含有无法保存的字符（如空字符）或内容过长', en: 'Holds characters that cannot be stored (such as NUL) or is too long' },
  'import.alreadyMemberHere': { 'zh-CN': '已是本工会会员', en: 'Already a member of this union' },
  'import.inflatedTooLarge': {
    'zh-CN': '文件解压后超过 {max} MB，不予读取（可能含大量空白格式或为压缩炸弹）；请只保留名册数据另存后再导入',
    en: 'The file inflates to more than {max} MB and is not read (masses of empty formatting, or a zip bomb); keep only the roster and save it again',
  },
  'import.cellTooLong': { 'zh-CN': '文件中有单元格超过 Excel 允许的 {max} 个字符，不予读取', en: 'A cell holds more than the {max} characters Excel allows; the file is not read' },
  'import.headerNotFound': {
    'zh-CN': '没有找到名册表头（须含 {columns}），已查找的工作表及行：{searched}',
    en: 'No roster header found (it needs {columns}); sheets and rows searched: {searched}',
  },
  'import.headerIncomplete': { 'zh-CN': '缺少列：{columns}（表头在{sheet}第 {row} 行）', en: 'Missing columns: {columns} (header in {sheet}, row {row})' },
  'import.severalRosterSheets': {
    'zh-CN': '工作表 {sheets} 都有名册表头；一次只导入一个工作表，请合并到一个工作表或分文件导入',
    en: 'Sheets {sheets} each hold a roster header; one sheet is imported at a time, so merge them or import them as separate files',
  },
  'import.maskedExport': {
    'zh-CN': '这是本平台导出的名册，身份证号和手机号已遮挡，不能再导入；请下载导入模板，填写完整信息后上传',
    en: 'This is a roster exported from this platform with ID numbers and phones masked; it cannot be imported. Download the import template and fill in the full details',
  },
  'import.duplicateInFile': { 'zh-CN': '与第 {row} 行身份证号重复', en: 'Same ID number as row {row}' },
  'import.notCommittable': { 'zh-CN': '该批次已提交或正在提交', en: 'This batch has already been committed or is being committed' },
  'import.commitDuplicates': {
    'zh-CN': '提交时发现已是会员的人员（第 {rows} 行），本批次未写入任何记录，请重新校验',
    en: 'Some people are already members (rows {rows}); nothing from this batch was written, validate the file again',
  },
  'import.commitFailed': { 'zh-CN': '提交失败，本批次未写入任何记录', en: 'The commit failed; nothing from this batch was written' },
  'coverage.period': { 'zh-CN': '期间应为 YYYY-MM 格式的月份', en: 'A period is a month written YYYY-MM' },
  'coverage.noSnapshot': { 'zh-CN': '该月没有月末留存数据', en: 'No month-end figures were kept for that month' },
  'coverage.targetDuplicate': { 'zh-CN': '该单位在这一日期已有目标', en: 'This unit already has a target due on that date' },
  'campaign.notOnWorklist': { 'zh-CN': '该企业不是未建会的目标企业', en: 'This enterprise is not an uncovered target enterprise' },
  'campaign.unionRequired': { 'zh-CN': '标记为已建会时须指定工会', en: 'Name the union when marking the enterprise as built' },
  'campaign.unionOnlyWhenBuilt': { 'zh-CN': '只有标记为已建会时才能指定工会', en: 'A union is given only when marking the enterprise as built' },
  'campaign.unionCannotCover': { 'zh-CN': '该工会不能覆盖企业（请选择企业工会、联合工会或工会联合会）', en: 'This union cannot cover an enterprise (choose an enterprise union, joint union or federation)' },
  'campaign.assigneeInvalid': { 'zh-CN': '只能指派本辖区的工作人员', en: 'Assign someone working inside your scope' },
  'campaign.lettersNeedRefusal': { 'zh-CN': '只有拒绝建会的企业才能出具两书', en: 'Letters are issued only to enterprises that refuse to build a union' },
  'grant.userInvalid': { 'zh-CN': '只能授予本辖区内的用户', en: 'Grant duties only to users inside your scope' },
  'grant.duplicate': { 'zh-CN': '该用户在此单位已有这项职责', en: 'This user already holds this duty at this unit' },
  'santongshi.done': { 'zh-CN': '该任务已完成', en: 'This task is already done' },
  'export.tooLarge': { 'zh-CN': '导出超过 {max} 行，请缩小范围', en: 'More than {max} rows; narrow the selection' },
  'text.tooLong': { 'zh-CN': '内容太长', en: 'The text is too long' },
  'congress.windowOrder': { 'zh-CN': '提案征集截止日不能早于开始日', en: 'The proposal window cannot close before it opens' },
  'congress.windowAfterSession': { 'zh-CN': '提案征集须在会议召开前截止', en: 'Proposals must close before the session is held' },
  'congress.duplicateRepresentative': { 'zh-CN': '代表名单中有重复的人员', en: 'A representative is listed twice' },
  'congress.representativeInvalid': { 'zh-CN': '代表须为本单位（含下级）的在册会员', en: 'Representatives must be active members of this union or the units below it' },
  'congress.notRepresentative': { 'zh-CN': '您不是本次职代会的代表', en: 'You are not a representative of this session' },
  'congress.windowClosed': { 'zh-CN': '不在提案征集期内', en: 'Proposals are not being collected now' },
  'congress.ownProposal': { 'zh-CN': '提案人不能附议自己的提案', en: 'A proposer cannot second their own proposal' },
  'congress.alreadySeconded': { 'zh-CN': '您已附议该提案', en: 'You have already seconded this proposal' },
  'congress.notEnoughSeconders': { 'zh-CN': '附议人不足 {needed} 人，不能立案', en: 'Fewer than {needed} seconders: the proposal cannot be filed' },
  'congress.proposalState': { 'zh-CN': '提案当前状态不允许此操作', en: 'The proposal\'s state does not allow this' },
  'congress.frozen': { 'zh-CN': '提案已提交表决，不能再修改', en: 'The proposal has been put to a vote and cannot change' },
  'congress.notProposer': { 'zh-CN': '只有提案人可以评价答复', en: 'Only the proposer rates the answer' },
  'vote.optionsNeeded': { 'zh-CN': '至少需要两个选项', en: 'At least two options are needed' },
  'vote.optionsDistinct': { 'zh-CN': '选项不能重复', en: 'Options must differ' },
  'vote.seatsTooMany': { 'zh-CN': '应选名额须少于候选人数', en: 'Seats must be fewer than the candidates' },
  'vote.receiptFormat': { 'zh-CN': '回执码格式应为 XXXX-XXXX-XXXX', en: 'A receipt code reads XXXX-XXXX-XXXX' },
  'vote.notCreated': { 'zh-CN': '投票已开始，方式、选项和投票人不能再修改', en: 'The vote has started: its method, options and voters cannot change' },
  'vote.wrongState': { 'zh-CN': '投票当前状态不允许此操作', en: 'The vote\'s state does not allow this' },
  'vote.notEntitled': { 'zh-CN': '您不在本次投票的投票人名单中', en: 'You are not entitled to vote in this poll' },
  'vote.alreadyVoted': { 'zh-CN': '您已投过票', en: 'You have already voted' },
  'vote.choiceInvalid': { 'zh-CN': '选择的选项不属于本次投票', en: 'A choice is not an option of this vote' },
  'vote.tooManyChoices': { 'zh-CN': '最多可选 {max} 项', en: 'Choose at most {max}' },
  'vote.choicesDistinct': { 'zh-CN': '同一选项只能选一次', en: 'Choose an option only once' },
  'vote.sessionOrg': { 'zh-CN': '职代会不属于该单位', en: 'The session does not belong to this unit' },
  'vote.proposalNotFiled': { 'zh-CN': '只有已立案的提案可以提交表决', en: 'Only filed proposals can be put to a vote' },
  'vote.noQuorum': { 'zh-CN': '出席代表 {present} 人，未达全体代表三分之二（{needed} 人），不能表决', en: '{present} representatives present, fewer than two thirds of all ({needed}): no vote' },
  'vote.noVoters': { 'zh-CN': '没有可投票的人员（职代会须先登记出席代表）', en: 'No one is entitled to vote (record the representatives present first)' },
  'evaluation.year': { 'zh-CN': '年度不正确', en: 'Invalid year' },
  'evaluation.answerRange': { 'zh-CN': '每项评分为 1–5 分', en: 'Each answer is 1 to 5' },
  'evaluation.answerCount': { 'zh-CN': '请回答全部问题', en: 'Answer every question' },
  'evaluation.seed': { 'zh-CN': '随机种子应为 16 位十六进制数', en: 'A seed is 16 hexadecimal digits' },
  'evaluation.unknownItem': { 'zh-CN': '指标不存在', en: 'Unknown indicator' },
  'evaluation.itemPoints': { 'zh-CN': '得分不能超过该项分值', en: 'A score cannot exceed the item\'s points' },
  'evaluation.alreadyRated': { 'zh-CN': '您今年已评价过本工会', en: 'You have already rated your union this year' },
  'evaluation.notSampled': { 'zh-CN': '该单位未被抽中，不能录入抽查得分', en: 'This unit was not drawn for the spot check' },
  'evaluation.notDistrict': { 'zh-CN': '抽样须以区总工会为单位', en: 'Samples are drawn per district federation' },
  'evaluation.sampleExists': { 'zh-CN': '该区本年度已抽样', en: 'This district has already been sampled this year' },
  ...fundsMessages,
  'error.validation_failed': { 'zh-CN': '提交的内容有误，请检查标出的字段', en: 'Some fields need attention' },
  'error.unauthenticated': { 'zh-CN': '请先登录', en: 'Please sign in' },
  'error.invalid_credentials': { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  'error.csrf_failed': { 'zh-CN': '页面已过期，请刷新后重试', en: 'The page is out of date; reload and try again' },
  'error.forbidden': { 'zh-CN': '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  'error.not_found': { 'zh-CN': '未找到该记录', en: 'Not found' },
  'error.conflict': { 'zh-CN': '与已有记录冲突', en: 'Conflicts with an existing record' },
  'error.rate_limited': { 'zh-CN': '尝试次数过多，请稍后再试', en: 'Too many attempts; try again later' },
  'error.unavailable': { 'zh-CN': '该功能暂不可用', en: 'This is not available right now' },
  'error.internal': { 'zh-CN': '服务器出错，请稍后再试', en: 'Server error; try again later' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof messages;

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messages, key);
}

/** Text for a key in a language, with {placeholders} filled in. */
export function translate(key: MessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return messages[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Picks zh-CN or en from an Accept-Language header or an explicit choice; Chinese first. */
export function pickLocale(header: string | undefined | null): Locale {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
