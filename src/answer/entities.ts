// Countries and organizations the bot knows OF, so that it can tell when a question is about one it
// has no facts for ("Is Brazil in NATO?") instead of answering Mexico's fact. The first name of each
// entry is its canonical token; the others are English and Spanish names and abbreviations.
// Entities the knowledge base does cover (NATO, USMCA, the UN, ...) come from knowledge/synonyms.yaml.
// Format: one entity per `;` or line, its names separated by `|`.

const COUNTRIES = `
mexico|mexican|mexicans|mexicano|mexicana|mexicanos|mejico
canada|canadian|canadians|canadiense
unitedstates|united states|united states of america|usa|u s a|u s|the us|the u s|estados unidos|eeuu|ee uu|eua|american government
chile|chilean|chileno
colombia|colombian|colombiano
peru|peruvian|peruano
brazil|brasil|brazilian|brasileno
argentina|argentine|argentinian|argentino
bolivia; ecuador; venezuela; uruguay; paraguay; guyana; suriname; panama; costa rica; nicaragua; honduras; el salvador; guatemala; belize; belice
cuba; cuban; haiti; dominican republic; republica dominicana; jamaica; puerto rico; bahamas; trinidad and tobago
spain; espana; spanish government; portugal; france; francia; french government; germany; alemania; german government; italy; italia
unitedkingdom|united kingdom|uk|britain|great britain|reino unido|england|inglaterra|scotland|wales|ireland|irlanda
netherlands; holland; paises bajos; holanda; belgium; belgica; luxembourg; switzerland; suiza; austria
norway; noruega; sweden; suecia; finland; finlandia; denmark; dinamarca; iceland; islandia; greenland; groenlandia
poland; polonia; czech republic; czechia; slovakia; hungary; hungria; romania; rumania; bulgaria; greece; grecia
turkey; turkiye; turquia; ukraine; ucrania; russia; rusia; belarus; bielorrusia; georgia; armenia; azerbaijan; moldova
serbia; croatia; croacia; slovenia; bosnia; albania; montenegro; north macedonia; kosovo; estonia; latvia; lithuania; malta; cyprus; chipre
china; chinese; prc; taiwan; japan; japon; japanese; south korea; corea del sur; korea; corea; north korea; corea del norte
india; pakistan; bangladesh; sri lanka; nepal; afghanistan; afganistan; iran; iraq; irak; israel; palestine; palestina; syria; siria
saudi arabia; arabia saudita; qatar; catar; uae; united arab emirates; emiratos arabes; kuwait; oman; yemen; jordan; jordania; lebanon; libano
egypt; egipto; libya; libia; tunisia; algeria; argelia; morocco; marruecos; nigeria; ghana; kenya; ethiopia; etiopia; south africa; sudafrica
indonesia; malaysia; malasia; singapore; singapur; thailand; tailandia; vietnam; philippines; filipinas; myanmar; cambodia; laos
australia; new zealand; nueva zelanda; fiji; papua new guinea
kazakhstan; uzbekistan; mongolia; vatican; vaticano
`;

const ORGANIZATIONS = `
nato|otan|north atlantic treaty organization|organizacion del tratado del atlantico norte|north atlantic alliance|atlantic alliance|alianza atlantica|atlantic pact|north atlantic pact|pacto atlantico|pacto del atlantico norte|alianza del atlantico norte|organizacion del atlantico norte
usmca|t mec|tmec|cusma|nafta|tlcan|united states mexico canada agreement|us mexico canada agreement|tratado entre mexico estados unidos y canada|north american free trade agreement|tratado de libre comercio de america del norte
pacificalliance|pacific alliance|alianza del pacifico
un|onu|united nations|naciones unidas|organizacion de las naciones unidas|organizacion de naciones unidas
oas|oea|organization of american states|organizacion de los estados americanos|organizacion de estados americanos
wto|omc|world trade organization|organizacion mundial del comercio|organizacion mundial de comercio
eu|european union|union europea|ue
brics
g20|g 20|group of twenty|grupo de los veinte
g7|g 7|group of seven|grupo de los siete
g8|g 8
mercosur|mercosul
opec|opep|organization of the petroleum exporting countries
asean|association of southeast asian nations
apec|asia pacific economic cooperation|foro de cooperacion economica asia pacifico
oecd|ocde|organisation for economic cooperation and development|organization for economic cooperation and development
cptpp|tpp|trans pacific partnership|tpp11|tratado integral y progresista de asociacion transpacifico
imf|fmi|international monetary fund|fondo monetario internacional
worldbank|world bank|banco mundial
whoorg|world health organization|oms|organizacion mundial de la salud
unesco; unicef; interpol; iaea; fao
celac; caricom; alba; unasur; prosur; sica; aladi; andean community; comunidad andina
african union; union africana; arab league; liga arabe; gcc; gulf cooperation council
commonwealth|commonwealth of nations
quad; aukus; five eyes; csto; warsaw pact; pacto de varsovia; sco; shanghai cooperation organization
security council; consejo de seguridad
icc|international criminal court|corte penal internacional
rio treaty|tiar|tratado interamericano de asistencia reciproca
paris agreement; acuerdo de paris; kyoto protocol; protocolo de kioto
`;

export interface EntityEntry {
  canonical: string;
  variants: string[];
}

/** One entity per `;`, its names separated by `|`; the first name, without spaces, is its token. */
function parse(block: string): EntityEntry[] {
  return block
    .split(/[\n;]/)
    .map((entity) => entity.split('|').map((n) => n.trim()))
    .filter((names) => names[0])
    .map((names) => ({ canonical: names[0]!.replace(/\s+/g, ''), variants: names }));
}

/** Every country and organization the bot can recognise by name. */
export const ENTITIES: readonly EntityEntry[] = [...parse(COUNTRIES), ...parse(ORGANIZATIONS)];

/** The one entity every fact is implicitly about: a question need not name it. */
export const HOME_ENTITY = 'mexico';

const ACRONYM = /^(?:[a-z]{2,5}|[a-z]+\d+)$/;
const ORG_TOKENS = new Set(parse(ORGANIZATIONS).map((e) => e.canonical));

/** How to write an entity's name in a sentence: "G20", "BRICS", "Brazil", "South Korea". */
export function displayName(canonical: string): string {
  const entry = ENTITIES.find((e) => e.canonical === canonical);
  const name = entry?.variants[0] ?? canonical;
  if (ORG_TOKENS.has(canonical) && ACRONYM.test(canonical)) return canonical.toUpperCase();
  return name.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}
