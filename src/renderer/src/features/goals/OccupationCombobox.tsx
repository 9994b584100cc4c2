import { Combobox, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { TargetOccupation } from '../../../../shared/domain/goals/occupations';
import { ipcQueryOptions } from '../../api/query';

/** The text of a chosen occupation in the input. */
export function occupationText(o: TargetOccupation | null): string {
  return o ? o.title : '';
}

/**
 * Zielberuf: a combobox over the KldB list (occupations:search, folded German: "baecker" finds
 * Bäcker/in). Choosing a suggestion sets title and KldB code; free text is a Zielberuf without code.
 */
export function OccupationCombobox(props: {
  text: string;
  chosen: TargetOccupation | null;
  onTextChange: (text: string) => void;
  onChoose: (occupation: TargetOccupation) => void;
  error?: string | undefined;
}) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [query] = useDebouncedValue(props.text.trim(), 150);
  const search = useQuery({
    ...ipcQueryOptions('occupations:search', { query, limit: 12 }),
    enabled: query.length >= 2 && query.length <= 100,
    placeholderData: keepPreviousData,
  });
  const data = search.data;
  const matches = useMemo(() => (query.length >= 2 ? (data ?? []) : []), [query, data]);
  const selectFirst = combobox.selectFirstOption;
  useEffect(() => {
    if (matches.length > 0) selectFirst();
  }, [matches, selectFirst]);

  const options = matches.map((m) => {
    const title = m.example ?? m.occupation.title;
    return (
      <Combobox.Option value={m.occupation.code + '|' + title} key={m.occupation.code + title}>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        <Text size="xs" c="dark.6">
          KldB {m.occupation.code} · {m.occupation.title}
        </Text>
      </Combobox.Option>
    );
  });

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(value) => {
        const [code, ...rest] = value.split('|');
        props.onChoose({ kldbCode: code ?? null, title: rest.join('|') });
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <TextInput
          label="Zielberuf"
          description={
            props.chosen?.kldbCode
              ? `Gewählt aus der KldB-Liste: Kennziffer ${props.chosen.kldbCode}.`
              : 'Tippen, um in der KldB-Liste zu suchen (Titel oder Kennziffer); ein Beruf ohne Kennziffer ist auch möglich.'
          }
          value={props.text}
          onChange={(e) => {
            props.onTextChange(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          rightSection={search.isFetching ? <Loader size={16} aria-label="Berufe werden gesucht" /> : null}
          error={props.error}
          autoComplete="off"
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={query.length < 2}>
        <Combobox.Options aria-label="Vorschläge aus der KldB-Liste" mah={320} style={{ overflowY: 'auto' }}>
          {options.length > 0 ? options : <Combobox.Empty>Kein Beruf der Liste passt.</Combobox.Empty>}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
