import type { Locale } from './auth.ts';

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
  'rights.fen': { 'zh-CN': '金额应为以分计的非负整数', en: 'An amount is a whole number of fen, not negative' },
  'rights.caseClosed': { 'zh-CN': '该案件已结案', en: 'This case is closed' },
  'rights.stageOrder': { 'zh-CN': '案件须按 受理→调查→调解→结案 的顺序推进', en: 'A case moves accepted → investigating → mediating → closed' },
  'rights.outcomeRequired': { 'zh-CN': '结案须填写结果', en: 'Closing a case needs an outcome' },
  'rights.outcomeNotHere': { 'zh-CN': '当前阶段不能以该结果结案（调解成功须经调解，不予受理只在受理阶段）', en: 'This outcome is not possible at this stage (an agreement needs mediation; not accepted only at acceptance)' },
  'rights.recoveredOnlyWithAgreement': { 'zh-CN': '只有调解成功或部分成功时才填写追回金额', en: 'An amount recovered goes with a settlement only' },
  'rights.recoveredRequired': { 'zh-CN': '调解成功须填写追回金额', en: 'A settlement needs the amount recovered' },
  'rights.beforeReceived': { 'zh-CN': '日期不能早于受理日期', en: 'The date cannot be before the case was received' },
  'rights.beforeSigned': { 'zh-CN': '日期不能早于合同签订日期', en: 'The date cannot be before the contract was signed' },
  'rights.future': { 'zh-CN': '日期不能晚于今天', en: 'The date cannot be in the future' },
  'rights.noAgreement': { 'zh-CN': '该案件没有调解协议', en: 'This case has no mediation agreement' },
  'rights.warningClosed': { 'zh-CN': '该预警已关闭', en: 'This warning is closed' },
  'rights.meetingNotNeeded': { 'zh-CN': '紧急约见用于重大预警或群体性争议', en: 'Emergency meetings are for major warnings or group disputes' },
  'rights.roundsExhausted': { 'zh-CN': '该议题本年度已协商 {max} 轮，不能再增加', en: 'This topic already had {max} rounds this year' },
  'rights.termOrder': { 'zh-CN': '合同终止日期须晚于起始日期', en: 'The term must end after it starts' },
  'rights.termTooLong': { 'zh-CN': '集体合同期限为一至三年', en: 'A collective contract lasts one to three years' },
  'rights.contractOverlap': { 'zh-CN': '该企业同类合同在此期间已有有效合同', en: 'A contract of this kind is already in force for this enterprise in that term' },
  'rights.vetoOnlyWage': { 'zh-CN': '职代会联席会议只能否决工资专项合同', en: 'The joint council vetoes wage agreements only' },
  'rights.contractVetoed': { 'zh-CN': '该合同已被否决', en: 'This contract was vetoed' },
  'rights.alreadyFiled': { 'zh-CN': '该合同已备案', en: 'This contract is already filed' },
  'rights.filedBeforeSigned': { 'zh-CN': '备案日期不能早于签订日期', en: 'Filing cannot be before signing' },
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
