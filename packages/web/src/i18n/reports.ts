/** Texts of the figures ("Cifras") page. */
export const reportsEs = {
  'nav.figures': 'Cifras',
  'figures.title': 'Cifras del programa',
  'figures.byOoad': 'Por OOAD',
  'figures.col.residents': 'Residentes activos',
  'figures.col.specialties': 'Especialidades',
  'figures.col.foreign': 'Extranjeros',
  'figures.col.countries': 'Países',
  'figures.col.sedes': 'Sedes académicas',
  'figures.col.units': 'Unidades',
  'figures.col.teachers': 'Profesores',
};

export const reportsEn: Record<keyof typeof reportsEs, string> = {
  'nav.figures': 'Figures',
  'figures.title': 'Program figures',
  'figures.byOoad': 'By OOAD',
  'figures.col.residents': 'Active residents',
  'figures.col.specialties': 'Specialties',
  'figures.col.foreign': 'Foreign',
  'figures.col.countries': 'Countries',
  'figures.col.sedes': 'Academic sites',
  'figures.col.units': 'Units',
  'figures.col.teachers': 'Teachers',
};
