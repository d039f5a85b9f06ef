/** Common Mexican given names and surnames, for synthetic but realistic people. */
export const SURNAMES = [
  'Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez', 'Cruz',
  'Flores', 'Gómez', 'Morales', 'Vázquez', 'Reyes', 'Jiménez', 'Torres', 'Díaz', 'Gutiérrez', 'Ruiz',
  'Mendoza', 'Aguilar', 'Ortiz', 'Moreno', 'Castillo', 'Romero', 'Álvarez', 'Méndez', 'Chávez', 'Rivera',
  'Juárez', 'Ramos', 'Domínguez', 'Herrera', 'Medina', 'Castro', 'Vargas', 'Guzmán', 'Velázquez', 'Muñoz',
  'Rojas', 'Contreras', 'Salazar', 'Luna', 'Ortega', 'Guerrero', 'Estrada', 'Bautista', 'Cortés', 'Soto',
  'Alvarado', 'Espinoza', 'Lara', 'Ávila', 'Ríos', 'Cervantes', 'Silva', 'Delgado', 'Vega', 'Márquez',
  'Sandoval', 'Fernández', 'León', 'Carrillo', 'Mejía', 'Solís', 'Núñez', 'Rosas', 'Valdez', 'Ibarra',
  'Campos', 'Santiago', 'Vázquez', 'Peña', 'Maldonado', 'Rosales', 'Acosta', 'Navarro', 'Trejo', 'Cabrera',
  'Miranda', 'Ibáñez', 'Zúñiga', 'Fuentes', 'Pacheco', 'Villanueva', 'Olvera', 'Esquivel', 'Tapia', 'Cárdenas',
  'Galván', 'Orozco', 'Quintero', 'Bravo', 'Escobar', 'Valencia', 'Arellano', 'Montes', 'Benítez', 'Uc',
];
export const FEMALE_NAMES = [
  'María Fernanda', 'Ana Sofía', 'Valeria', 'Daniela', 'Mariana', 'Guadalupe', 'Andrea', 'Alejandra', 'Fernanda', 'Paola',
  'Karla', 'Jimena', 'Ximena', 'Itzel', 'Brenda', 'Diana', 'Gabriela', 'Lucía', 'Regina', 'Renata',
  'Montserrat', 'Natalia', 'Carolina', 'Abril', 'Citlali', 'Xóchitl', 'Mónica', 'Verónica', 'Adriana', 'Claudia',
  'Rocío', 'Leticia', 'Patricia', 'Laura', 'Elena', 'Isabel', 'Beatriz', 'Yolanda', 'Nayeli', 'Ana Karen',
];
export const MALE_NAMES = [
  'José Luis', 'Juan Carlos', 'Luis Ángel', 'Miguel Ángel', 'Jorge', 'Carlos', 'Alejandro', 'Eduardo', 'Fernando', 'Ricardo',
  'Diego', 'Daniel', 'Emiliano', 'Santiago', 'Sebastián', 'Mauricio', 'Óscar', 'Raúl', 'Héctor', 'Arturo',
  'Francisco', 'Roberto', 'Jesús', 'Antonio', 'Rafael', 'Manuel', 'Iván', 'Rodrigo', 'Andrés', 'Gerardo',
  'Omar', 'Érick', 'Hugo', 'Víctor', 'Pablo', 'Gustavo', 'Alfredo', 'Enrique', 'Marco Antonio', 'Uriel',
];
/** Bulletin 001: residents from these nine countries train at IMSS. */
export const FOREIGN_COUNTRIES = [
  ['HND', 'Honduras'], ['COL', 'Colombia'], ['BOL', 'Bolivia'], ['ECU', 'Ecuador'], ['CUB', 'Cuba'],
  ['SLV', 'El Salvador'], ['GTM', 'Guatemala'], ['NIC', 'Nicaragua'], ['DOM', 'República Dominicana'],
] as const;
export const FOREIGN_SURNAMES = ['Restrepo', 'Quispe', 'Mamani', 'Andrade', 'Zelaya', 'Castellanos', 'Betancourt', 'Jaramillo', 'Rosario', 'Matute', 'Montenegro', 'Arévalo'];
