// Import names that differ from the distribution (PyPI) names that provide them. Only
// common cases: an import missing here falls back to "same name after PEP 503 normalising".

/** PEP 503: lowercase, runs of `-`, `_`, `.` become one `-`. */
export function normalizeDistName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Import name (dotted prefixes allowed) -> distributions that provide it. */
const KNOWN: Record<string, string[]> = {
  yaml: ['PyYAML'],
  PIL: ['Pillow', 'PIL'],
  cv2: ['opencv-python', 'opencv-python-headless', 'opencv-contrib-python', 'opencv-contrib-python-headless'],
  sklearn: ['scikit-learn'],
  skimage: ['scikit-image'],
  bs4: ['beautifulsoup4'],
  dateutil: ['python-dateutil'],
  dotenv: ['python-dotenv'],
  jwt: ['PyJWT'],
  'google.protobuf': ['protobuf'],
  'google.genai': ['google-genai'],
  'google.generativeai': ['google-generativeai'],
  'google.auth': ['google-auth'],
  'google.oauth2': ['google-auth'],
  'google.api_core': ['google-api-core'],
  googleapiclient: ['google-api-python-client'],
  attr: ['attrs'],
  attrs: ['attrs'],
  magic: ['python-magic'],
  MySQLdb: ['mysqlclient'],
  pymysql: ['PyMySQL'],
  psycopg2: ['psycopg2', 'psycopg2-binary'],
  psycopg: ['psycopg', 'psycopg-binary'],
  Crypto: ['pycryptodome', 'pycrypto'],
  Cryptodome: ['pycryptodomex'],
  OpenSSL: ['pyOpenSSL'],
  nacl: ['PyNaCl'],
  jose: ['python-jose'],
  multipart: ['python-multipart'],
  docx: ['python-docx'],
  pptx: ['python-pptx'],
  telegram: ['python-telegram-bot'],
  slugify: ['python-slugify'],
  socketio: ['python-socketio'],
  engineio: ['python-engineio'],
  jinja2: ['Jinja2'],
  markupsafe: ['MarkupSafe'],
  serial: ['pyserial'],
  usb: ['pyusb'],
  zmq: ['pyzmq'],
  git: ['GitPython'],
  github: ['PyGithub'],
  gitlab: ['python-gitlab'],
  Levenshtein: ['python-Levenshtein', 'Levenshtein'],
  fitz: ['PyMuPDF'],
  pdfminer: ['pdfminer.six'],
  lxml: ['lxml'],
  win32api: ['pywin32'],
  win32con: ['pywin32'],
  pythoncom: ['pywin32'],
  pkg_resources: ['setuptools'],
  setuptools: ['setuptools'],
  mpl_toolkits: ['matplotlib'],
  kafka: ['kafka-python'],
  ldap: ['python-ldap'],
  memcache: ['python-memcached'],
  snappy: ['python-snappy'],
  Bio: ['biopython'],
  igraph: ['python-igraph', 'igraph'],
  sentencepiece: ['sentencepiece'],
  faiss: ['faiss-cpu', 'faiss-gpu'],
  tensorflow: ['tensorflow', 'tensorflow-cpu', 'tensorflow-gpu'],
  torch: ['torch'],
  grpc: ['grpcio'],
  grpc_tools: ['grpcio-tools'],
  websocket: ['websocket-client'],
  dns: ['dnspython'],
  ruamel: ['ruamel.yaml'],
  editor: ['python-editor'],
  magic_enum: ['magic-enum'],
  typing_extensions: ['typing-extensions'],
  mcp: ['mcp'],
  fastmcp: ['fastmcp'],
  anthropic: ['anthropic'],
  openai: ['openai'],
  dateparser: ['dateparser'],
  pydantic_settings: ['pydantic-settings'],
  sqlalchemy: ['SQLAlchemy'],
  flask_sqlalchemy: ['Flask-SQLAlchemy'],
  flask_cors: ['Flask-Cors'],
  flask_login: ['Flask-Login'],
  rest_framework: ['djangorestframework'],
  corsheaders: ['django-cors-headers'],
  debug_toolbar: ['django-debug-toolbar'],
  environ: ['django-environ'],
  storages: ['django-storages'],
  celery: ['celery'],
  redis: ['redis'],
  pkgutil_resolve_name: ['pkgutil-resolve-name'],
  importlib_metadata: ['importlib-metadata'],
  importlib_resources: ['importlib-resources'],
};

const MAPPED = new Set(Object.values(KNOWN).flat().map(normalizeDistName));

/** Whether the table knows which import names the (normalised) distribution provides. */
export function isMappedDistribution(dist: string): boolean {
  return MAPPED.has(dist);
}

/** Top-level names whose submodules come from separate distributions (`google.cloud.storage` -> google-cloud-storage). */
const NAMESPACE_TOPS = new Set(['google', 'azure', 'zope', 'sphinxcontrib', 'jaraco', 'backports', 'opentelemetry', 'ruamel']);

/**
 * Distribution names (normalised) that may provide the dotted import `module`, best guess
 * first; `known` says whether a table entry (not only the same-name rule) produced them.
 */
export function distributionsFor(module: string): { names: string[]; known: boolean } {
  const parts = module.split('.');
  const names: string[] = [];
  let known = false;
  for (let i = parts.length; i >= 1; i--) {
    const hit = KNOWN[parts.slice(0, i).join('.')];
    if (hit) {
      names.push(...hit.map(normalizeDistName));
      known = true;
      break;
    }
  }
  if (NAMESPACE_TOPS.has(parts[0])) {
    for (let i = parts.length; i >= 2; i--) names.push(normalizeDistName(parts.slice(0, i).join('-')));
  }
  names.push(normalizeDistName(parts[0]));
  return { names: [...new Set(names)], known };
}
