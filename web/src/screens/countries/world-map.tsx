/**
 * @module web/screens/countries/world-map
 * The world map, drawn offline: Natural Earth's 1:110m countries from the world-atlas package (a
 * hashed file fetched once, then cached), projected with d3-geo's Equal Earth projection. Each
 * country that has an ISO code is a link to its page, with its name and value as accessible name, so
 * the map is usable by keyboard (Tab, Enter) and by screen readers; the table beside it lists every
 * country too. Loaded only with the Countries screen.
 */
import { geoEqualEarth, geoPath } from 'd3-geo';
import { useEffect, useMemo, useState } from 'react';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import atlasUrl from 'world-atlas/countries-110m.json?url';
import { problemFromResponse, networkProblem, type Problem } from '../../api/problem.ts';
import { Loading } from '../../components/loaded.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { alpha2OfNumeric, type CountryNames } from '../../i18n/country-names.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/router.tsx';
import { colourOf, type Mode, type Shades } from './colouring.ts';

const WIDTH = 960;
const HEIGHT = 470;

/** Natural Earth features without an ISO numeric code that do have an ISO-style alpha-2 code. */
const CODE_BY_NAME: Record<string, string> = { Kosovo: 'XK' };

interface Shape { code: string | null; name: string; d: string }

type Atlas = { status: 'loading' } | { status: 'error'; problem: Problem } | { status: 'ready'; shapes: Shape[] };

let atlas: Promise<Shape[]> | null = null;

/** Fetches and projects the atlas once per page. */
function loadShapes(): Promise<Shape[]> {
  atlas ??= fetch(atlasUrl).then(async (response) => {
    const text = await response.text();
    if (!response.ok) throw problemFromResponse(response.status, response.headers.get('x-request-id'), text);
    const topology = JSON.parse(text) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const countries = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
    const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], countries);
    const path = geoPath(projection);
    return countries.features.map((f: Feature<Geometry, { name: string }>) => ({
      code: f.id !== undefined ? alpha2OfNumeric(String(f.id)) : (CODE_BY_NAME[f.properties.name] ?? null),
      name: f.properties.name,
      d: path(f) ?? '',
    }));
  }).catch((error: unknown) => {
    atlas = null;
    throw typeof error === 'object' && error !== null && 'code' in error ? error : networkProblem(error);
  });
  return atlas;
}

export interface WorldMapProps {
  mode: Mode;
  shades: Shades;
  names: CountryNames;
  /** The accessible name of a country with its value ("Bangladesh: on the Union list"). */
  describe(code: string): string;
  labelledBy: string;
}

export default function WorldMap({ mode, shades, names, describe, labelledBy }: WorldMapProps) {
  const { t } = useI18n();
  const [state, setState] = useState<Atlas>({ status: 'loading' });
  const [pointed, setPointed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadShapes().then((shapes) => { if (live) setState({ status: 'ready', shapes }); }, (problem: Problem) => { if (live) setState({ status: 'error', problem }); });
    return () => { live = false; };
  }, []);
  // Tab order follows the names in the chosen language, not the atlas's order.
  const shapes = useMemo(() => (state.status === 'ready'
    ? [...state.shapes].sort((a, b) => (a.code ? names(a.code) : a.name).localeCompare(b.code ? names(b.code) : b.name))
    : []), [state, names]);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ProblemMessage problem={state.problem} />;
  return (
    <figure className="map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-labelledby={labelledBy} data-testid="world-map">
        <rect width={WIDTH} height={HEIGHT} className="sea" />
        {shapes.map((shape, i) => {
          if (!shape.code) return <path key={`${shape.name}:${i}`} d={shape.d} fill="#f4f4f4" className="country inert" aria-hidden="true" />;
          const code = shape.code;
          return (
            <Link key={code} to={`/countries/${code}`} aria-label={describe(code)} data-code={code}
              onMouseEnter={() => setPointed(code)} onFocus={() => setPointed(code)} onMouseLeave={() => setPointed(null)} onBlur={() => setPointed(null)}>
              <path d={shape.d} fill={colourOf(mode, shades.get(code))} className="country" />
            </Link>
          );
        })}
      </svg>
      <figcaption aria-hidden="true" className="map-pointer">{pointed ? describe(pointed) : t('map.hint')}</figcaption>
    </figure>
  );
}
