import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { TreeSelect } from 'antd';
import type { OrgSummary } from '@lianxin/contracts';
import { fetchOrgChildren } from '../features/orgs/orgs-api.ts';
import { useOrgName } from '../features/orgs/use-org-name.ts';

interface Node {
  id: number;
  pId: number | null;
  value: number;
  title: string;
  isLeaf: boolean;
}

function toNode(org: OrgSummary, parentId: number | null): Node {
  return { id: org.id, pId: parentId, value: org.id, title: org.name, isLeaf: org.childCount === 0 };
}

interface OrgTreeSelectProps {
  value?: number;
  onChange?: (id: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  id?: string;
  /** the name of `value` when the caller knows it (the tree may not have loaded that deep yet) */
  valueLabel?: string;
  'data-testid'?: string;
}

interface Labelled {
  value: number;
  label?: ReactNode;
}

/**
 * Picks an organisation of the user's own subtree, loading the tree level by level as it is opened. A value
 * below the loaded levels (e.g. read from the URL) shows its name: the caller's `valueLabel`, else looked up.
 */
export function OrgTreeSelect({ value, onChange, valueLabel, ...rest }: OrgTreeSelectProps) {
  const [nodes, setNodes] = useState<Node[]>([]);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    const controller = new AbortController();
    fetchOrgChildren(undefined, controller.signal).then(
      (items) => {
        setNodes(items.map((o) => toNode(o, null)));
        setLoading(false);
      },
      () => {
        if (!controller.signal.aborted) setLoading(false);
      },
    );
    return () => controller.abort();
  }, []);

  const loadData = async (node: { value?: unknown }) => {
    const parentId = Number(node.value);
    if (nodes.some((n) => n.pId === parentId)) return;
    const items = await fetchOrgChildren(parentId);
    setNodes((prev) => {
      const known = new Set(prev.map((n) => n.id));
      return [...prev, ...items.filter((o) => !known.has(o.id)).map((o) => toNode(o, parentId))];
    });
  };

  const loaded = value !== undefined && nodes.some((n) => n.value === value);
  const lookedUp = useOrgName(value !== undefined && !loading && !loaded && valueLabel === undefined ? value : undefined);
  const selected: Labelled | undefined = value === undefined ? undefined : { value, label: loaded ? undefined : (valueLabel ?? lookedUp ?? '…') };

  return (
    <TreeSelect<Labelled>
      {...rest}
      labelInValue
      value={selected}
      onChange={(next) => onChange?.(next && typeof next.value === 'number' ? next.value : undefined)}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      loading={loading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      popupMatchSelectWidth={false}
    />
  );
}
