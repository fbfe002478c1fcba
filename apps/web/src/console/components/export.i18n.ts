/** Texts of the list exports' button and progress (`export.*`). */
const zhCN = {
  'export.button': '导出',
  'export.title': '正在导出',
  'export.preparing': '正在准备数据…',
  'export.progress': '共 {rows} 条，已接收 {size} KB',
  'export.done': '已完成：共 {rows} 条',
  'export.failed': '导出失败',
} as const;

const en: Record<keyof typeof zhCN, string> = {
  'export.button': 'Export',
  'export.title': 'Exporting',
  'export.preparing': 'Preparing the data…',
  'export.progress': '{rows} rows, {size} KB received',
  'export.done': 'Done: {rows} rows',
  'export.failed': 'Export failed',
};

export const exportTexts = { 'zh-CN': zhCN, en };
