/**
 * Self-screening instruments that are free to use (PHQ-9 and GAD-7, Pfizer, no permission
 * required). Licensed inventories (e.g. Maslach) are deliberately absent. Item wording is the
 * Mexican Spanish version; each screening stores the instrument version it was answered with.
 */
export const INSTRUMENT_CODES = ['phq9', 'gad7'] as const;
export type InstrumentCode = (typeof INSTRUMENT_CODES)[number];

export type Localised = { es: string; en: string };
export type Instrument = {
  code: InstrumentCode;
  version: string;
  name: Localised;
  stem: Localised;
  items: Localised[];
  options: Localised[];
};

const FREQUENCY: Localised[] = [
  { es: 'Ningún día', en: 'Not at all' },
  { es: 'Varios días', en: 'Several days' },
  { es: 'Más de la mitad de los días', en: 'More than half the days' },
  { es: 'Casi todos los días', en: 'Nearly every day' },
];

export const PHQ9: Instrument = {
  code: 'phq9',
  version: 'phq9-es-MX-1',
  name: { es: 'Cuestionario sobre la salud del paciente (PHQ-9)', en: 'Patient Health Questionnaire (PHQ-9)' },
  stem: {
    es: 'Durante las últimas 2 semanas, ¿con qué frecuencia le han molestado los siguientes problemas?',
    en: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  },
  items: [
    { es: 'Poco interés o placer en hacer las cosas', en: 'Little interest or pleasure in doing things' },
    { es: 'Se ha sentido decaído(a), deprimido(a) o sin esperanzas', en: 'Feeling down, depressed, or hopeless' },
    { es: 'Dificultad para quedarse o permanecer dormido(a), o ha dormido demasiado', en: 'Trouble falling or staying asleep, or sleeping too much' },
    { es: 'Se ha sentido cansado(a) o con poca energía', en: 'Feeling tired or having little energy' },
    { es: 'Sin apetito o ha comido en exceso', en: 'Poor appetite or overeating' },
    { es: 'Se ha sentido mal con usted mismo(a), que es un fracaso o que ha quedado mal con usted mismo(a) o con su familia', en: 'Feeling bad about yourself, or that you are a failure or have let yourself or your family down' },
    { es: 'Dificultad para concentrarse en actividades como leer o ver la televisión', en: 'Trouble concentrating on things, such as reading or watching television' },
    { es: 'Se ha movido o hablado tan despacio que otras personas lo han notado, o lo contrario: muy inquieto(a) o agitado(a)', en: 'Moving or speaking so slowly that other people could have noticed, or the opposite: being fidgety or restless' },
    { es: 'Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera', en: 'Thoughts that you would be better off dead, or of hurting yourself' },
  ],
  options: FREQUENCY,
};

export const GAD7: Instrument = {
  code: 'gad7',
  version: 'gad7-es-MX-1',
  name: { es: 'Escala de ansiedad generalizada (GAD-7)', en: 'Generalized Anxiety Disorder scale (GAD-7)' },
  stem: {
    es: 'Durante las últimas 2 semanas, ¿con qué frecuencia le han molestado los siguientes problemas?',
    en: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  },
  items: [
    { es: 'Se ha sentido nervioso(a), ansioso(a) o con los nervios de punta', en: 'Feeling nervous, anxious, or on edge' },
    { es: 'No ha podido dejar de preocuparse o controlar su preocupación', en: 'Not being able to stop or control worrying' },
    { es: 'Se ha preocupado demasiado por diferentes cosas', en: 'Worrying too much about different things' },
    { es: 'Ha tenido dificultad para relajarse', en: 'Trouble relaxing' },
    { es: 'Se ha sentido tan inquieto(a) que le cuesta quedarse quieto(a)', en: 'Being so restless that it is hard to sit still' },
    { es: 'Se ha molestado o irritado fácilmente', en: 'Becoming easily annoyed or irritable' },
    { es: 'Ha sentido miedo de que algo terrible pudiera pasar', en: 'Feeling afraid, as if something awful might happen' },
  ],
  options: FREQUENCY,
};

export const INSTRUMENTS: Record<InstrumentCode, Instrument> = { phq9: PHQ9, gad7: GAD7 };

/** Shown at once when PHQ-9 item 9 is above 0; free national lines, available day and night. */
export const CRISIS_RESOURCES: { name: string; phone: string; hours: Localised }[] = [
  { name: 'Línea de la Vida', phone: '800 911 2000', hours: { es: 'Gratuita, las 24 horas, todo el año', en: 'Free, 24 hours, every day' } },
  { name: 'Emergencias', phone: '911', hours: { es: 'Las 24 horas', en: '24 hours' } },
  { name: 'SAPTEL (Sistema Nacional de Apoyo, Consejo Psicológico e Intervención en Crisis)', phone: '55 5259 8121', hours: { es: 'Las 24 horas', en: '24 hours' } },
];
