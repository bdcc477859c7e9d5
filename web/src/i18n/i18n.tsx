/**
 * @module web/i18n/i18n
 * The interface language as React state: `t(key, params)`, Intl formatters for the language, and the
 * language of country names (any of the 24 EU languages, by default the interface's). English is
 * bundled; French, German and Italian are loaded when chosen. Choices are kept in localStorage.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isEuLanguage, loadCountryNames, type CountryNames, type EuLanguage } from './country-names.ts';
import { formattersFor, type Formatters } from './format.ts';
import { en, type MessageKey, type Messages } from './messages/en.ts';
import { pickLanguage, translate, type Language, type MessageParams } from './translate.ts';

const LANGUAGE_KEY = 'waypoint.language';
const COUNTRY_LANGUAGE_KEY = 'waypoint.countryNames';

const LOADERS: Record<Language, () => Promise<Messages>> = {
  en: () => Promise.resolve(en),
  fr: () => import('./messages/fr.ts').then((m) => m.fr),
  de: () => import('./messages/de.ts').then((m) => m.de),
  it: () => import('./messages/it.ts').then((m) => m.it),
};

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, params?: MessageParams): string;
  fmt: Formatters;
  countryLanguage: EuLanguage;
  setCountryLanguage(language: EuLanguage | null): void;
}

const I18nContext = createContext<I18n | null>(null);

function stored(key: string): string | null {
  try { return window.localStorage.getItem(key); } catch { return null; }
}

function store(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch { /* private mode: the choice lasts for this page only */ }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ language: Language; messages: Messages }>(() => ({ language: 'en', messages: en }));
  const [countryChoice, setCountryChoice] = useState<EuLanguage | null>(() => {
    const saved = stored(COUNTRY_LANGUAGE_KEY);
    return isEuLanguage(saved) ? saved : null;
  });

  const setLanguage = useCallback((language: Language) => {
    store(LANGUAGE_KEY, language);
    void LOADERS[language]().then((messages) => setState({ language, messages }));
  }, []);

  useEffect(() => {
    const initial = pickLanguage(stored(LANGUAGE_KEY), navigator.languages ?? [navigator.language]);
    if (initial !== 'en') void LOADERS[initial]().then((messages) => setState({ language: initial, messages }));
  }, []);

  useEffect(() => { document.documentElement.lang = state.language; }, [state.language]);

  const setCountryLanguage = useCallback((language: EuLanguage | null) => {
    store(COUNTRY_LANGUAGE_KEY, language);
    setCountryChoice(language);
  }, []);

  const value = useMemo<I18n>(() => ({
    language: state.language,
    setLanguage,
    t: (key, params) => translate(state.messages, key, params),
    fmt: formattersFor(state.language),
    countryLanguage: countryChoice ?? state.language,
    setCountryLanguage,
  }), [state, setLanguage, countryChoice, setCountryLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside <I18nProvider>');
  return value;
}

/** Country names in the chosen language; until they are loaded, the codes themselves. */
export function useCountryNames(): CountryNames {
  const { countryLanguage } = useI18n();
  const [names, setNames] = useState<{ language: EuLanguage; names: CountryNames } | null>(null);
  useEffect(() => {
    let live = true;
    void loadCountryNames(countryLanguage).then((loaded) => { if (live) setNames({ language: countryLanguage, names: loaded }); });
    return () => { live = false; };
  }, [countryLanguage]);
  return names?.names ?? ((code: string) => code);
}
