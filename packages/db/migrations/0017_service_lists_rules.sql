-- The city's templates for the units' lists (DOMAIN.md §3; categories from 天平街道's three lists: members 入会激励、
-- 权益维护、关爱帮扶、素质提升、健康休闲; enterprises 推动发展、促进和谐、文化建设、评先推优; grassroots unions 以上助下、以上促下).
-- The items are examples a unit adopts and extends, not an official catalogue. Re-runnable: a template is added once.
INSERT INTO service_items (org_id, org_path, list, category, title, description, sort)
SELECT NULL, NULL, v.list, v.category, v.title, v.description, v.sort
  FROM (VALUES
    ('service', '入会激励', '网上入会与电子会员卡', '扫码或在连心 H5 申请入会，审批通过即发电子会员卡', 1),
    ('service', '入会激励', '新会员入会礼包', '会员服务卡、意外互助保障、住院补助等', 2),
    ('service', '权益维护', '法律咨询与法律援助', '零门槛法律援助，律师驻点与热线咨询', 3),
    ('service', '权益维护', '劳动争议调解', '工会调解组织受理劳动争议调解', 4),
    ('service', '关爱帮扶', '困难职工帮扶', '困难职工建档、走访慰问与救助', 5),
    ('service', '关爱帮扶', '夏送清凉、冬送温暖', '高温与冬季慰问户外职工', 6),
    ('service', '素质提升', '职工技能培训与学历提升', '技能培训补贴与学历教育资助', 7),
    ('service', '健康休闲', '职工文体活动', '会员活动日、兴趣小组与文体比赛', 8),
    ('service', '健康休闲', '爱心接力站休息饮水', '户外职工就近休息、饮水、加热饭菜、充电', 9),
    ('responsibility', '推动发展', '指导企业建会与规范运行', '单独建会或联合建会的指导与验收', 10),
    ('responsibility', '促进和谐', '集体协商与职代会指导', '工资集体协商、职代会与厂务公开', 11),
    ('responsibility', '文化建设', '企业职工书屋与文化阵地', '职工书屋、职工之家建设', 12),
    ('responsibility', '评先推优', '星级工会评定与先进推荐', '星级工会评估、劳模与先进推荐', 13),
    ('resource', '以上助下', '工会经费托管与代理记账', '经费托管服务中心统一开户、分户核算', 14),
    ('resource', '以上促下', '工会主席履职津贴与激励经费', '按规模与绩效发放履职津贴、下拨激励经费', 15)
  ) AS v(list, category, title, description, sort)
 WHERE NOT EXISTS (SELECT 1 FROM service_items s WHERE s.org_id IS NULL AND s.title = v.title);
