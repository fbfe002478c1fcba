import { Typography } from 'antd';

/** A table cell's text cut to its column with "…", the whole text in a tooltip. */
export function Ellipsis({ text }: { text: string }) {
  return <Typography.Text ellipsis={{ tooltip: { title: text, placement: 'topLeft' } }}>{text}</Typography.Text>;
}
