import { useEffect, useEffectEvent, useMemo, useState, type Key } from 'react';
import { Empty, Spin, Tree, type TreeDataNode } from 'antd';
import type { OrgSummary } from '@lianxin/contracts';
import { formatCount } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { ErrorResult } from '../../components/error-result.tsx';
import { OrgKindTag } from './org-kind-tag.tsx';
import { fetchOrgChildren } from './orgs-api.ts';

interface TreeState {
  nodes: ReadonlyMap<number, OrgSummary>;
  /** parent id → loaded child ids; the roots under `null` */
  children: ReadonlyMap<number | null, readonly number[]>;
}

function withChildren(state: TreeState, parentId: number | null, items: readonly OrgSummary[]): TreeState {
  const nodes = new Map(state.nodes);
  for (const item of items) nodes.set(item.id, item);
  const children = new Map(state.children);
  children.set(parentId, items.map((i) => i.id));
  return { nodes, children };
}

function OrgNodeTitle({ org }: { org: OrgSummary }) {
  const { t, locale } = useLocale();
  return (
    <span className="org-node">
      <span className="org-node-name">
        <span>{org.name}</span>
        <OrgKindTag kind={org.kind} />
      </span>
      <span className="org-node-counts">
        {t('orgs.counts', {
          enterprises: formatCount(org.enterprises, locale),
          covered: formatCount(org.enterprisesCovered, locale),
          employees: formatCount(org.employees, locale),
          members: formatCount(org.members, locale),
        })}
      </span>
    </span>
  );
}

interface OrgTreeProps {
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** the first root once loaded: the page shows it until the user picks another (no navigation, so it cannot race a menu click) */
  onDefault: (id: number) => void;
}

/** Lazily loaded organisation tree rooted at the actor's own organisation. */
export function OrgTree({ selectedId, onSelect, onDefault }: OrgTreeProps) {
  const [state, setState] = useState<TreeState>({ nodes: new Map(), children: new Map() });
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [rootError, setRootError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [height] = useState(() => Math.max(360, window.innerHeight - 200));
  const rootIds = state.children.get(null);
  const selectDefault = useEffectEvent((id: number) => onDefault(id));

  useEffect(() => {
    const controller = new AbortController();
    fetchOrgChildren(undefined, controller.signal).then(
      (items) => {
        // the page was left meanwhile: selecting the default would navigate back to it
        if (controller.signal.aborted) return;
        setState((s) => withChildren(s, null, items));
        setRootError(null);
        const first = items[0];
        if (first) {
          setExpanded((keys) => (keys.length > 0 ? keys : [String(first.id)]));
          selectDefault(first.id);
        }
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setRootError(error);
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const treeData = useMemo(() => {
    const build = (id: number): TreeDataNode => {
      const org = state.nodes.get(id);
      const kids = state.children.get(id);
      return {
        key: String(id),
        title: org ? <OrgNodeTitle org={org} /> : String(id),
        isLeaf: (org?.childCount ?? 0) === 0,
        children: kids?.map(build),
      };
    };
    return (rootIds ?? []).map(build);
  }, [state, rootIds]);

  const loadData = async (node: { key: Key }) => {
    const id = Number(node.key);
    if (state.children.has(id)) return;
    const items = await fetchOrgChildren(id);
    setState((s) => withChildren(s, id, items));
  };

  if (rootError) return <ErrorResult error={rootError} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!rootIds) return <div className="page-fallback"><Spin /></div>;
  if (rootIds.length === 0) return <Empty />;

  return (
    <div data-testid="org-tree" className="org-tree-box">
      <Tree
        treeData={treeData}
        loadData={loadData}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys)}
        selectedKeys={selectedId === null ? [] : [String(selectedId)]}
        onSelect={(_, info) => onSelect(Number(info.node.key))}
        height={height}
        showLine
        blockNode
      />
    </div>
  );
}
