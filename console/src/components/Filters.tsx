/**
 * The filter bar of a list page. Filters live in the address (?zoneId=…), so a filtered list can be
 * linked to and reloaded; each optional filter reads "all" when cleared.
 */
import { Form, Select } from 'antd';
import { useSearchParams } from 'react-router';
import { useAuth } from '../auth/context';
import { useI18n } from '../i18n';
import { useCatalog } from '../services/catalog';

/** The page's filters as search parameters; setting one to undefined removes it. */
export function useAddressFilters() {
  const [params, setParams] = useSearchParams();
  const setFilter = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  return { params, setFilter, clearFilters: () => setParams(new URLSearchParams()) };
}

interface OptionalFilterProps {
  id: string;
  label: string;
  width: number;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  options: { value: string; label: string; title?: string }[];
  /** Fixed by the person's scope (a zone committee's zone): shown, not changeable. */
  fixed?: boolean;
  loading?: boolean;
  showSearch?: boolean;
}

export function OptionalFilter({ id, label, width, value, onChange, options, fixed = false, loading, showSearch }: OptionalFilterProps) {
  const { t } = useI18n();
  return (
    <Form.Item label={label} htmlFor={id}>
      <Select
        id={id}
        style={{ width }}
        allowClear={!fixed}
        disabled={fixed}
        showSearch={showSearch ? { optionFilterProp: 'label' } : false}
        popupMatchSelectWidth={false}
        placeholder={t('common.all')}
        value={value ?? null}
        loading={loading}
        onChange={(v: string | null) => onChange(v ?? undefined)}
        options={options}
      />
    </Form.Item>
  );
}

/** The zone a zone committee and the city a city bureau are limited to (the API scopes them anyway). */
export function useOwnScope(): { ownZone: string | null; ownCity: string | null } {
  const { identity } = useAuth();
  return {
    ownZone: identity?.role === 'zone-committee' ? identity.zoneId : null,
    ownCity: identity?.role === 'city-bureau' ? identity.city : null,
  };
}

/** The zone filter: fixed to a zone committee's own zone; a city bureau chooses among its city's zones. */
export function ZoneFilter({ id, label, width, value, onChange }: Pick<OptionalFilterProps, 'id' | 'label' | 'width' | 'value' | 'onChange'>) {
  const { t } = useI18n();
  const { ownZone, ownCity } = useOwnScope();
  const catalog = useCatalog();
  const zones = (catalog?.zones ?? []).filter((z) => !ownCity || z.city === ownCity);
  return (
    <OptionalFilter
      id={id}
      label={label}
      width={width}
      fixed={Boolean(ownZone)}
      value={value}
      loading={!catalog}
      onChange={onChange}
      options={zones.map((z) => ({ value: z.zoneId, label: t('ui.nameWithCode', { name: z.name, code: z.zoneId }) }))}
    />
  );
}
