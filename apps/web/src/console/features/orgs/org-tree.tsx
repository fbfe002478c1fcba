import { useEffect, useEffectEvent, useMemo, useRef, useState, type Key } from 'react';
import { Empty, Select, Spin, Tree, type GetRef, type TreeDataNode } from 'antd';
import type { OrgSummary } from '@lianxin/contracts';
import { formatCount } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { ErrorResult } from '../../components/error-result.tsx';
import { OrgKindTag } from './org-kind-tag.tsx';
import { fetchOrg, fetchOrgChildren, searchOrgs, type OrgHit } from './orgs-api.ts';

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
  const treeRef = useRef<GetRef<typeof Tree>>(null);
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

  /** Shows a union found by name: loads and opens the branches from the tree's root down to it, and selects it. */
  const reveal = async (id: number) => {
    const detail = await fetchOrg(id);
    const chain = detail.ancestors.map((a) => a.id);
    const start = chain.findIndex((a) => rootIds?.includes(a));
    const path = start < 0 ? [] : chain.slice(start);
    let next = state;
    for (const ancestor of path) {
      if (!next.children.has(ancestor)) next = withChildren(next, ancestor, await fetchOrgChildren(ancestor));
    }
    setState(next);
    setExpanded((keys) => [...new Set([...keys, ...path.map(String)])]);
    onSelect(id);
    // the tree is virtual: bring the union into view once its branch is drawn
    setTimeout(() => treeRef.current?.scrollTo({ key: String(id), align: 'top' }), 50);
  };

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
      <OrgSearch onPick={(id) => void reveal(id)} />
      <Tree
        ref={treeRef}
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

/** The tree's search: unions of the scope by part of their name; picking one opens the tree down to it. */
function OrgSearch({ onPick }: { onPick: (id: number) => void }) {
  const { t } = useLocale();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<OrgHit[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const text = q.trim();
    if (!text) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      searchOrgs(text, controller.signal).then(
        (items) => {
          setHits(items);
          setLoading(false);
        },
        () => {
          if (!controller.signal.aborted) setLoading(false);
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setQ, searchValue: q }}
      value={null}
      placeholder={t('orgs.searchTree')}
      notFoundContent={loading ? <Spin size="small" /> : null}
      options={(q.trim() ? hits : []).map((h) => ({ value: h.id, label: <span className="org-node-name"><span>{h.name}</span><OrgKindTag kind={h.kind} /></span> }))}
      onChange={(id) => {
        setQ('');
        onPick(id);
      }}
      style={{ width: '100%', marginBottom: 8 }}
      data-testid="org-tree-search"
    />
  );
}
