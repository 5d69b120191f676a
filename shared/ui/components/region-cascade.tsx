import { useEffect, useState } from 'preact/hooks';
import type { Region } from '../../core/region/regions';
import { useSidebar } from '../app/sidebar-context';

/**
 * The three-level region cascade (province, city, district) from `GET /v1/regions`; its value
 * is the district's GB/T 2260 code, `''` until a district is chosen.
 */
export function RegionCascade({
  id,
  value,
  disabled,
  onChange,
}: {
  id: string;
  value: string;
  disabled?: boolean;
  onChange: (code: string) => void;
}) {
  const { api, t } = useSidebar();
  const [province, setProvince] = useState(/^\d{6}$/.test(value) ? `${value.slice(0, 2)}0000` : '');
  const [city, setCity] = useState(/^\d{6}$/.test(value) ? `${value.slice(0, 4)}00` : '');
  const [lists, setLists] = useState<{
    provinces: Region[];
    cities: Region[];
    districts: Region[];
  }>({ provinces: [], cities: [], districts: [] });
  const [error, setError] = useState('');

  // A value set from outside (a selected row) moves the cascade with it.
  useEffect(() => {
    if (/^\d{6}$/.test(value)) {
      setProvince(`${value.slice(0, 2)}0000`);
      setCity(`${value.slice(0, 4)}00`);
    }
  }, [value]);

  useEffect(() => {
    let live = true;
    const load = async () => {
      const provinces = await api.regions();
      const cities = province === '' ? [] : await api.regions(province);
      const districts = city === '' ? [] : await api.regions(city);
      if (live) setLists({ provinces, cities, districts });
    };
    load().catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [api, province, city]);

  const select = (
    level: 'province' | 'city' | 'district',
    list: Region[],
    current: string,
    choose: (code: string) => void,
  ) => (
    <select
      id={level === 'province' ? id : `${id}-${level}`}
      class="crm-input"
      data-level={level}
      aria-label={t(`ui.region.${level}`)}
      disabled={disabled === true || list.length === 0}
      value={current}
      onChange={(e) => choose(e.currentTarget.value)}
    >
      <option value="">{t(`ui.region.${level}`)}</option>
      {list.map((r) => (
        <option value={r.code}>{r.name}</option>
      ))}
    </select>
  );

  return (
    <div class="crm-cascade">
      {select('province', lists.provinces, province, (code) => {
        setProvince(code);
        setCity('');
        onChange('');
      })}
      {select('city', lists.cities, city, (code) => {
        setCity(code);
        onChange('');
      })}
      {select('district', lists.districts, /^\d{6}$/.test(value) ? value : '', onChange)}
      {error !== '' && <span class="crm-error">{error}</span>}
    </div>
  );
}
