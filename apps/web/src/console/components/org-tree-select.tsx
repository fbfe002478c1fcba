import { useEffect, useState, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import type { OrgSummary } from '@lianxin/contracts';
import { fetchOrgChildren } from '../features/orgs/orgs-api.ts';

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
  'data-testid'?: string;
}

/** Picks an organisation of the user's own subtree, loading the tree level by level as it is opened. */
export function OrgTreeSelect({ value, onChange, ...rest }: OrgTreeSelectProps) {
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

  return (
    <TreeSelect<number>
      {...rest}
      value={value}
      onChange={(next) => onChange?.(typeof next === 'number' ? next : undefined)}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      loading={loading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      popupMatchSelectWidth={false}
    />
  );
}
