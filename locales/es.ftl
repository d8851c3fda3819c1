# Scale Lab, español. Las mismas claves que en.ftl (tests/tidy.rs lo comprueba), más las lecciones y los retos,
# que en inglés vienen del núcleo (lesson-<paso>, challenge-<paso>, preset-<paso>).
# Términos: load balancer = balanceador de carga; health check = comprobación de estado; SPOF = punto único de
# fallo; throughput = rendimiento (peticiones/s); request = petición; node = nodo; run = ejecución.

## Language switch
lang-label = Idioma

## Top bar
new-system-name = Sistema nuevo
topbar-scenario = Escenario
topbar-own-design = Tu propio diseño
topbar-preset-title = Cargar un escenario incluido
topbar-new = Nuevo
topbar-new-title = Empezar con un lienzo vacío
topbar-undo = Deshacer
topbar-undo-title = Deshacer (Ctrl+Z)
topbar-redo = Rehacer
topbar-redo-title = Rehacer (Ctrl+Mayús+Z)
topbar-run-group = Ejecución
topbar-run = Ejecutar
topbar-resume = Seguir
topbar-run-title = Ejecutar (R)
topbar-pause = Pausa
topbar-pause-title = Pausa (R)
topbar-step = Paso
topbar-step-title = Avanzar un segundo de tiempo simulado
topbar-reset = Reiniciar
topbar-reset-title = Volver al instante cero
topbar-speed = Velocidad
topbar-speed-title = Velocidad: segundos simulados por segundo real
topbar-of-duration = { " " }/ { $seconds } s
topbar-behind = la simulación va por detrás del tiempo real
topbar-behind-title = El navegador no puede simular tantas peticiones por segundo a esta velocidad; el tiempo simulado avanza más despacio de lo indicado.
topbar-finished = terminada
topbar-share-group = Compartir
topbar-chapter = Capítulo
topbar-chapter-title = El capítulo, paso a paso
topbar-share = Compartir
topbar-share-title = Enlace, código para insertar y archivos
topbar-open-full = Abrir en el simulador completo ↗
theme-light = Tema: claro (haz clic para cambiarlo)
theme-dark = Tema: oscuro (haz clic para cambiarlo)
theme-system = Tema: el del sistema (haz clic para cambiarlo)
seed = Semilla
seed-title = Misma semilla, misma ejecución: cada elección aleatoria de la simulación se deriva de ella
seed-new = Semilla nueva
seed-new-title = Elegir otra semilla al azar
close = Cerrar

## Chapter and lessons
chapter-title = De un servidor a millones de usuarios
chapter-explain = Cada paso añade una idea al diseño. Abre un paso, ejecútalo y rómpelo con sus experimentos.
chapter-passed-sr = reto superado:{ " " }
chapter-challenge-tag = reto
at-hand-label = Acciones sobre { $name }
at-hand-title = Romper o reparar { $name }
at-hand-more = Su configuración y sus cifras ↓
at-hand-edge = Conexión { $name }
at-hand-edge-more = Qué viaja por ella y su latencia ↓
experiment-no-node = En este diagrama ya no hay ningún nodo llamado «{ $name }».
experiment-missing = No hay ningún nodo llamado «{ $name }» en este diagrama
lesson-step-of = Paso { $n } de { $total }
lesson-passed = { " " }· ✓ reto superado
lesson-watch = Observa:{ " " }
lesson-experiments = Experimentos
lesson-previous = ← Paso anterior
lesson-all-steps = Todos los pasos
lesson-next = Paso siguiente →
challenge-heading = Reto
challenge-problems-first = { $count ->
    [one] El diagrama tiene un problema que debes corregir antes (mira «Problemas»).
   *[other] El diagrama tiene { $count } problemas que debes corregir antes (mira «Problemas»).
}
challenge-readonly = Para cumplirlo hay que cambiar el diseño, y esta página está en modo lección.
challenge-readonly-link = Ábrelo en el simulador completo para intentarlo ↗
challenge-check = Comprobar mi diseño
challenge-check-hint = Ejecuta el escenario entero con los fallos del reto y después lo califica.
challenge-simulating = simulando… { $percent }
verdict-pass = ✓ cumple
verdict-fail = ✗ no cumple
verdict-passed = Superado: tu diseño cumple el reto.
verdict-not-yet = Todavía no: mira qué ha fallado.
verdict-measured = Medido desde el segundo { $from } hasta el { $to } del tiempo simulado.

## Share dialog
share-title = Compartir este escenario
sweep-title = Barrido de carga
embed-language = Idioma
embed-language-reader = el del lector

## Presets (English in the core: presets.rs)
preset-single_server = Un solo servidor
preset-separate_db = Servidor web y base de datos en máquinas separadas
preset-three_tier = Balanceador de carga + dos servidores web + base de datos
preset-replication = Base de datos primaria con réplicas de lectura
preset-cache = Caché delante de la base de datos
preset-cdn = CDN para los archivos estáticos
preset-stateless = Capa web sin estado con almacén de sesiones
preset-two_regions = Dos centros de datos con GeoDNS
preset-queue = Cola de mensajes y trabajadores
preset-sharding = Particionado (sharding) por id de usuario
preset-millions = Millones de usuarios: todo junto

## Lessons (English in the core: scenario/lessons.rs; x-N = experiment N)
lesson-single_server = Empieza con un solo servidor
    .explain-1 = El navegador del usuario pregunta al DNS la dirección del sitio y después envía sus peticiones a una única máquina, que ejecuta a la vez la aplicación web y la base de datos.
    .explain-2 = Es lo más sencillo que funciona. Falla de dos maneras: no puede crecer más allá del tamaño de una máquina (el escalado vertical tiene techo) y, si esa máquina cae, cae el sitio entero.
    .watch = La barra de utilización del servidor y la latencia p99. Sube la tasa de peticiones de los usuarios hasta que la cola empiece a crecer.
    .x-1-title = Tumba el servidor
    .x-1-expect = Fallan todas las peticiones: no hay nadie más que pueda responder.
lesson-separate_db = Dale a la base de datos su propia máquina
    .explain-1 = El tráfico web y la base de datos funcionan ahora en servidores distintos: cada capa se dimensiona por su cuenta y ninguna puede dejar a la otra sin CPU.
    .explain-2 = Sigue siendo frágil: cualquiera de las dos máquinas es un punto único de fallo (el lienzo marca ambas como SPOF).
    .watch = La utilización de las dos máquinas y las etiquetas SPOF.
    .x-1-title = Tumba la base de datos
    .x-1-expect = El servidor web sigue en pie, pero falla toda petición que necesite datos.
    .x-2-title = Tumba el servidor web
    .x-2-expect = La base de datos está ociosa y sana, y aun así el sitio no funciona.
lesson-three_tier = Escala la capa web horizontalmente detrás de un balanceador de carga
    .explain-1 = Los usuarios llegan a la dirección pública de un balanceador de carga, que reparte las peticiones entre dos servidores web de una red privada. Para soportar más tráfico, añade servidores (escalado horizontal).
    .explain-2 = Cuando un servidor web cae, el balanceador de carga le sigue enviando peticiones hasta que su comprobación de estado falla varias veces seguidas. Esas peticiones fallan: cuanto más corto sea el intervalo de comprobación, menos serán. Da a los servidores web un tiempo medio entre fallos y un tiempo de reparación: cada uno está en marcha MTBF/(MTBF + MTTR) del tiempo, y el sitio, que solo necesita uno de los dos, 1 − (1 − a)² (la disponibilidad de la ejecución, en nueves).
    .explain-3 = El algoritmo decide quién espera. El reparto aleatorio y el turno rotatorio (round robin) no tienen en cuenta lo ocupado que está cada servidor; menos conexiones (least connections) elige el más libre; el poder de dos opciones (power of two choices, P2C) consulta a dos servidores al azar y se queda con el más libre: casi igual de bueno, sin comparar todos los servidores. Con dieciséis servidores de un solo trabajador al 90 % de carga y 10 ms de trabajo: aleatorio 98 ms, round robin 55 ms, P2C 28 ms, menos conexiones 16 ms.
    .watch = Los errores por causa justo después de la caída, y cuánto tardan en desaparecer (la comprobación de estado).
    .x-1-title = Tumba Web 1
    .x-1-expect = Una breve racha de errores de «nodo caído»; después, Web 2 atiende todo el tráfico.
    .x-2-title = Recupera Web 1
    .x-2-expect = Web 1 vuelve a recibir tráfico en cuanto supera sus comprobaciones de estado.
    .x-3-title = Tumba la base de datos
    .x-3-expect = Dos servidores web no bastan: la única base de datos sigue siendo un punto único de fallo.

lesson-replication = Replica la base de datos
    .explain-1 = La primaria recibe todas las escrituras y las envía a las réplicas de lectura, que atienden las lecturas. La mayoría de los sitios leen mucho más de lo que escriben, así que las réplicas añaden capacidad de lectura y, además, guardan copias de los datos.
    .explain-2 = Aquí la replicación es asíncrona: una réplica va por detrás de la primaria. Cuando la primaria cae, las escrituras fallan hasta que vence el plazo de conmutación por error; entonces se promueve la réplica más al día, y se pierden las escrituras que aún no había recibido.
    .watch = El retardo de replicación en las réplicas; tras la caída, la promoción en el registro de eventos y las escrituras perdidas.
    .x-1-title = Tumba la primaria
    .x-1-expect = Las escrituras fallan, se promueve una réplica y el registro dice cuántas escrituras confirmadas se perdieron.
    .x-2-title = Tumba Replica 1
    .x-2-expect = Las lecturas pasan a la otra réplica; no se pierde nada.
lesson-cache = Pon una caché delante de la base de datos
    .explain-1 = Unos pocos elementos se piden muchísimo más que el resto. Una caché de lectura los guarda en memoria: un acierto se salta la base de datos; un fallo la lee y guarda una copia para la próxima vez, hasta que caduca su TTL o se desaloja (LRU, LFU o FIFO).
    .explain-2 = La caché oculta la carga real de la base de datos: si la vacías, los fallos caen sobre la base de datos hasta que la caché vuelve a calentarse. Y una caché por la que pasan todas las peticiones es un punto único de fallo más (el lienzo la marca).
    .watch = La gráfica de aciertos de la caché; la utilización de la base de datos antes y después de vaciarla.
    .x-1-title = Vacía la caché
    .x-1-expect = La tasa de aciertos cae y se recupera en unos segundos, primero con los elementos más populares; mientras tanto, la base de datos recibe los fallos.
    .x-2-title = Tumba la caché
    .x-2-expect = Fallan todas las peticiones: los servidores web solo llegan a la base de datos a través de la caché, así que la caché también es un punto único de fallo.

## Challenges (English in the core: scenario/challenges.rs)
challenge-single_server = Atiende 1000 peticiones por segundo con una p99 inferior a 300 ms, con un solo servidor (elige un tamaño mayor).
challenge-separate_db = El tráfico sube a 1500 peticiones por segundo (ajústalo en «Users»). Atiéndelo con una p99 inferior a 150 ms y menos de un 0,1 % de errores, por menos de 0,60 $ la hora (pista: busca la máquina más cargada y amplía solo esa capa).
challenge-three_tier = Web 1 caerá en el segundo 60. Mantén los errores por debajo del 0,5 % y la p99 por debajo de 150 ms con 600 peticiones por segundo (pista: ¿cuánto tarda el balanceador de carga en darse cuenta?).
challenge-replication = La primaria caerá en el segundo 60. No pierdas ninguna escritura confirmada y mantén los errores por debajo del 2 %.
challenge-cache = El tráfico se triplica hasta 3600 peticiones por segundo (ajústalo en «Users»). Mantén la p99 por debajo de 150 ms y los errores por debajo del 0,1 %, por menos de 1,20 $ la hora. Dale a la capa web los procesos que necesita; una base de datos más grande rompería el presupuesto, así que haz que la caché absorba más lecturas (pista: su tamaño y su TTL).

## Notices
notice-lesson-mode-files = Esta página está en modo lección: ábrela en el simulador completo para cargar archivos.
notice-run-reset = Has cambiado el diagrama, así que la ejecución se ha reiniciado. Pulsa «Ejecutar» para empezar de nuevo.
notice-dismiss = Descartar
update-ready = Hay una versión nueva de Scale Lab lista.
update-reload = Recargar

## Palette
palette-heading = Componentes
palette-hint = Arrástralos al lienzo o haz clic para añadirlos. Arrastra desde el punto de un nodo para conectarlo.
palette-add = Añadir { $kind }: { $explanation }
kind-client = Cliente
    .explain = Usuarios que envían peticiones (navegadores, aplicaciones móviles). El origen de todo el tráfico.
kind-dns = DNS
    .explain = Traduce el nombre de dominio a una dirección IP. Los clientes guardan la respuesta en caché durante el TTL del registro.
kind-load_balancer = Balanceador de carga
    .explain = Reparte las peticiones entre los servidores web que tiene detrás y deja de enviar a los que no superan las comprobaciones de estado.
kind-web_server = Servidor web
    .explain = Ejecuta la aplicación. Un número fijo de procesos atiende las peticiones; las demás esperan en una cola limitada.
kind-database = Base de datos
    .explain = Guarda los datos. Las lecturas y escrituras ocupan procesos de consulta; las demás esperan en una cola.
kind-cache = Caché
    .explain = Guarda en memoria los datos más usados, delante de la base de datos: un acierto se salta la base de datos; un fallo la lee y guarda una copia hasta que la entrada se desaloja o caduca.
kind-replica = Réplica de lectura
    .explain = Una copia de solo lectura de la base de datos de la que sale la conexión. Las lecturas se reparten entre las réplicas; las escrituras van a la primaria y llegan a las réplicas tras el retardo de replicación. Si la primaria cae, se promueve la réplica más al día.
kind-session_store = Almacén de sesiones
    .explain = Guarda la sesión de cada usuario en un único sitio compartido, para que cualquier servidor web pueda atender a cualquier usuario (una capa web sin estado). Si cae, todos pierden la sesión.
kind-message_queue = Cola de mensajes
    .explain = Los servidores web publican aquí los trabajos lentos y responden enseguida; los trabajadores los recogen después. La cola acumulada absorbe los picos y las caídas de los trabajadores.
kind-workers = Trabajadores
    .explain = Toman trabajos de la cola de mensajes de la que sale su conexión y los procesan. Pueden escalar horizontalmente cuando crece la cola acumulada.
kind-shard_router = Enrutador de shards
    .explain = Reparte los datos entre las bases de datos conectadas a él (shards): cada id de usuario pertenece a un shard. Añadir un shard le traslada algunas claves.
kind-cdn = CDN
    .explain = Copias de los archivos estáticos (imágenes, scripts) en servidores cercanos a los usuarios: más rápido para ellos y menos carga para tus servidores. Un fallo trae el archivo del origen.

## Node actions, selection strip, context menu, canvas tools
actions-group = Romper o reparar este nodo
action-blocked = Corrige los problemas de la lista «Problemas» y vuelve a intentarlo.
action-kill = Tumbar
    .title = Detener este nodo ahora, como si su máquina se hubiera caído
action-restore = Restaurar
    .title = Volver a arrancar este nodo
action-purge = Purgar
    .title = Purgar todos los nodos de borde: cada archivo se vuelve a pedir al origen
action-flush = Vaciar
    .title = Borrar todas las entradas de la caché: las siguientes lecturas fallan todas
action-deploy = Desplegar archivos nuevos
    .title = Publicar versiones nuevas de los archivos estáticos en el origen
action-add-shard = Añadir shard
    .title = Empezar a usar la siguiente base de datos conectada; las claves trasladadas se copian
action-remove-shard = Quitar shard
    .title = Dejar de usar el último shard; sus claves pasan a los demás
action-region-outage = Caída del centro de datos
    .title = Tumbar todos los servidores del centro de datos de este nodo
action-region-restore = Recuperar el centro de datos
    .title = Volver a poner en marcha este centro de datos
zoom = Zoom
zoom-out = Alejar
zoom-out-title = Alejar (Ctrl −)
zoom-in = Acercar
zoom-in-title = Acercar (Ctrl +)
zoom-reset-title = Volver al 100 % (Ctrl 0)
zoom-fit = Encajar
zoom-fit-title = Mostrar el diagrama completo (Mayús 1)
grid = Cuadrícula
grid-title = Ajustar los nodos a la cuadrícula
shortcuts = Atajos de teclado
shortcuts-title = Atajos de teclado y gestos (?)
more-actions = Más acciones
more-actions-title = Más acciones (clic derecho, pulsación larga o Mayús+F10 sobre el nodo)
selection = Selección
selection-count = { $count } nodos
duplicate = Duplicar
duplicate-title = Duplicar (Ctrl D)
delete = Eliminar
delete-title = Eliminar (Supr)
selection-edge-hint = Lo que viaja por ella está en el inspector.
selection-hint = Selecciona un nodo para romperlo o repararlo
selection-hint-more = : tumbarlo, restaurarlo, sus propios fallos. También con clic derecho o pulsación larga.
menu-connect = Conectar a…
cheatsheet-title = Atajos y gestos
cheatsheet-close = Cerrar (Esc)
share-tab-link = Enlace
share-tab-embed = Insertar
share-tab-files = Archivos
copy = Copiar
copied = Copiado ✓
copy-title = Copiar al portapapeles
copy-select-title = Selecciona el texto y cópialo con Ctrl+C
share-link-explain = El enlace contiene el escenario completo (diagrama, configuración, semilla y los fallos que provocaste), así que quien lo abra verá la misma ejecución.
share-link-label = Enlace a este escenario
share-link-short = Un escenario incluido sin cambios: el enlace es corto.
share-link-length = { $count } caracteres, comprimido.
share-link-too-long = Este escenario es demasiado grande para un enlace; compártelo como archivo (pestaña «Archivos»).
embed-explain = Pega esto en una página del curso. Los lectores podrán ejecutar el escenario y romperlo allí mismo.
embed-readonly = Modo lección (sin edición)
embed-autoplay = Empezar a ejecutar enseguida
embed-theme = Tema
embed-theme-reader = el del lector
embed-theme-light = claro
embed-theme-dark = oscuro
embed-show = Mostrar
embed-show-both = diagrama y gráficas
embed-show-canvas = solo el diagrama
embed-show-charts = solo las gráficas
embed-host = Las notas van a
embed-width = Ancho
embed-height = Alto
embed-code-label = Código para insertar
files-explain = Las imágenes llevan el escenario dentro: suelta en la página un SVG o PNG exportado para volver a abrirlo.
files-json = Descargar JSON
files-svg = Descargar SVG
files-png = Descargar PNG
files-open = Abrir un archivo (JSON, SVG o PNG de Scale Lab):

## Metrics and charts
metrics = Métricas
metrics-throughput = Rendimiento
metrics-p95 = Latencia p95
metrics-p95-title = 95 de cada 100 peticiones con éxito del último segundo fueron más rápidas que esto
metrics-errors = Errores
metrics-cost = Coste
metrics-cost-title = Lo que cuestan todos los nodos juntos (mira la tabla de precios en la documentación)
metrics-totals = { $sent } enviadas · { $ok } correctas · { $failed } fallidas · { $flight } en curso
charts = Gráficas
charts-to-show = Gráficas que mostrar
causes = Por qué fallaron las peticiones
cause-count = { $count } por { $cause }
chart-throughput = Rendimiento
chart-latency = Latencia
chart-errors = Errores por causa
chart-cache-hit = Tasa de aciertos de la caché
chart-cdn-hit = Tasa de aciertos de la CDN
chart-replication-lag = Retardo de replicación
chart-queue-backlog = Trabajos en cola
chart-cost = Coste
chart-empty = Ejecuta para ver datos
chart-tip-rewind = { " " }· haz clic para rebobinar hasta aquí
chart-aria = Gráfica de { $title }, { $unit }. Usa las flechas izquierda y derecha para leer los valores.
chart-aria-rewind = Gráfica de { $title }, { $unit }. Usa las flechas izquierda y derecha para leer los valores, e Intro para rebobinar la ejecución hasta ese segundo.
unit-req-per-s = pet./s
unit-ms = ms
unit-percent = %
unit-writes = escrituras
unit-jobs = trabajos
unit-usd-per-hour = $/h
series-completed = completadas
    .help = Peticiones respondidas con éxito por segundo
series-p50 = p50
    .help = La mitad de las peticiones fueron más rápidas que esto
series-p95 = p95
    .help = 95 de cada 100 peticiones fueron más rápidas que esto
series-p99 = p99
    .help = La más lenta de cada 100 peticiones tardó al menos esto
series-no-errors = sin errores
    .help = Ninguna petición falló en el último minuto
series-cache-hit = tasa de aciertos
    .help = Proporción de consultas a la caché que encontraron el dato en memoria
series-cdn-hit = tasa de aciertos
    .help = Proporción de peticiones de archivos estáticos que los nodos de borde de la CDN respondieron sin consultar al origen
series-waiting-jobs = trabajos en espera
    .help = Trabajos publicados que ningún trabajador ha recogido todavía
series-writes-behind = escrituras de retraso
    .help = El máximo de escrituras que la primaria había enviado a una réplica de lectura sin que esta las aplicara: las lecturas en ella no las ven
series-cost = coste
    .help = Lo que cuestan todos los nodos juntos; el autoescalado lo cambia
cause-node_down = nodo caído
    .explain = Enviada a un nodo que está caído. Un balanceador de carga sigue haciéndolo hasta que su comprobación de estado lo detecta.
cause-no_healthy_backend = ningún servidor sano
    .explain = Todos los servidores detrás del balanceador de carga están marcados como no sanos.
cause-queue_full = cola llena
    .explain = Llegaron más peticiones de las que los procesos podían atender y la cola podía guardar.
cause-timeout = tiempo agotado
    .explain = La petición esperó tanto en el servidor web que se dio por vencida.
cause-logged_out = sesión perdida
    .explain = La sesión del usuario no estaba allí: vivía en otro servidor (sin sesiones persistentes) o se perdió al caer su servidor o el almacén de sesiones. El usuario tuvo que volver a iniciar sesión.

## Inspector
inspector = Inspector
inspector-selected = { $count } nodos seleccionados
inspector-health = Estado
inspector-utilization = Utilización
inspector-queue = Cola
inspector-completed-failed = Completadas / fallidas
inspector-kill-hint = Tumba un nodo para ver cómo lo aguanta el sistema (la ejecución arranca si hace falta). Con clic derecho o pulsación larga sobre un nodo tienes las mismas acciones.
inspector-settings = Configuración
inspector-sends-to = Envía peticiones a
inspector-sends-none = Todavía a ninguno: arrastra desde el punto a la derecha del nodo.
inspector-remove = Quitar
inspector-remove-title = Quitar esta conexión
inspector-region = Centro de datos
region-us_east = EE. UU. Este
region-us_west = EE. UU. Oeste
region-eu_west = Europa Occidental
region-ap_southeast = Asia-Pacífico

## Chart chips, request dots, event log, outline
chip-throughput = Rendimiento
chip-latency = Latencia
chip-errors = Errores
chip-cache-hits = Aciertos de caché
chip-cdn-hits = Aciertos de CDN
chip-replica-lag = Retardo de réplicas
chip-queue = Cola
chip-shard-load = Carga por shard
chip-cost = Coste
chip-shown = { $chart } se muestra abajo
chip-show = Mostrar { $chart }
chart-sim-time = { $seconds } s de tiempo simulado
dots = Puntos de peticiones
dots-title = Dibujar las peticiones como puntos que recorren las conexiones (una muestra cuando hay mucho tráfico)
dots-legend = Formas de los puntos: círculo lectura, cuadrado escritura, triángulo archivo estático, rombo trabajo; en rojo con una cruz: fallida
dots-read = lectura
dots-write = escritura
dots-static = estático
dots-job = trabajo
dots-failed = fallida
dots-reduced = Movimiento reducido: solo las tasas de las conexiones
event-log = Registro de eventos
event-log-empty = Aquí aparecen las caídas, las detecciones y las recuperaciones durante una ejecución. Haz clic en una para seleccionar su nodo.
outline = Esquema
outline-nodes = Nodos (en vivo)
outline-node = Nodo
outline-kind = Tipo
outline-health = Estado
outline-busy = Ocupación
outline-queue = Cola
outline-done = Completadas pet./s
outline-failed = Fallidas aquí
outline-details = Detalles
outline-theory-col = Teoría (medido frente a previsto)
outline-connections = Conexiones (último segundo)
outline-from = Desde
outline-to = Hasta
outline-rps = pet./s
outline-by-kind = Por tipo

## Settings (English in the core: model/field.rs, model/config/; by the setting's name, $kind = the node's kind)
setting-arrival_rate_per_s = Tasa de llegada
setting-read_fraction = Proporción de lecturas
setting-users = Usuarios
setting-key_count = Claves distintas
setting-alpha = Exponente de Zipf
setting-rtt_ms = Ida y vuelta por la red
setting-job_fraction = Proporción que lanza un trabajo en segundo plano
setting-job_time_ms = Tiempo de proceso de un trabajo (media)
setting-celebrity_keys = Claves de famosos
setting-celebrity_share = Proporción de peticiones a famosos
setting-static_fraction = Proporción de archivos estáticos (imágenes, scripts)
setting-static_assets = Archivos estáticos distintos
setting-key_distribution = Popularidad de las claves
choice-key_distribution-zipf = Zipf (sesgada)
choice-key_distribution-uniform = Uniforme
setting-resolution_ms = Tiempo de resolución
setting-ttl_s = { $kind ->
    [dns] TTL del registro
    [cdn] TTL de los archivos (0 = hasta purgarlos)
   *[other] TTL de las entradas (0 = no caducan)
}
setting-health_check_interval_s = Intervalo de comprobación de estado de GeoDNS
setting-geo_routing = Enviar a cada usuario al centro de datos sano más cercano (GeoDNS)
choice-geo_routing-no = No
choice-geo_routing-yes = Sí
setting-capacity_assets = Archivos que guarda cada nodo de borde
setting-edge_rtt_ms = Ida y vuelta usuarios ↔ nodo de borde más cercano
setting-origin_latency_ms = Latencia nodo de borde → origen (solo ida)
setting-versioned_urls = Los nombres de archivo llevan su versión
choice-versioned_urls-no = No
choice-versioned_urls-yes = Sí
setting-health_check_interval_ms = Intervalo de comprobación de estado
setting-unhealthy_threshold = Fallos para darlo por caído
setting-healthy_threshold = Aciertos para darlo por sano
setting-algorithm = Algoritmo
choice-algorithm-round_robin = Turno rotatorio (round robin)
choice-algorithm-random = Aleatorio
choice-algorithm-least_connections = Menos conexiones
choice-algorithm-ip_hash = Hash de la IP
choice-algorithm-sticky_sessions = Sesiones persistentes (cookie)
choice-algorithm-p2c = Poder de dos opciones (P2C)
setting-workers = Trabajadores
setting-service_time_ms = Tiempo de servicio (media)
setting-queue_capacity = Capacidad de la cola
setting-timeout_ms = Tiempo de espera máximo
setting-min_instances = Instancias (mínimo)
setting-max_instances = Instancias (máximo, autoescalado)
setting-target_utilization = Utilización objetivo del autoescalado
setting-warm_up_s = { $kind ->
    [workers] Un trabajador nuevo está listo tras
   *[other] Una instancia nueva está lista tras
}
setting-cooldown_s = Espera entre acciones de escalado
setting-mtbf_s = Tiempo medio entre fallos aleatorios (0 = nunca)
setting-mttr_s = Tiempo medio de reparación de un fallo aleatorio
setting-service_distribution = { $kind ->
    [web_server] Forma del tiempo de servicio
   *[other] Forma del tiempo de consulta
}
choice-service_distribution-exponential = Exponencial
choice-service_distribution-constant = Constante
setting-embedded_database = También ejecuta la base de datos
choice-embedded_database-no = No
choice-embedded_database-yes = Sí
setting-instance_size = Tamaño de instancia
choice-instance_size-small = small: 2 vCPU, trabajadores ×1
choice-instance_size-medium = medium: 4 vCPU, trabajadores ×2
choice-instance_size-large = large: 8 vCPU, trabajadores ×4
choice-instance_size-xlarge = xlarge: 16 vCPU, trabajadores ×8
choice-instance_size-2xlarge = 2xlarge: 32 vCPU, trabajadores ×16 (la mayor)
setting-sessions = Las sesiones de usuario viven
choice-sessions-none = Sin inicio de sesión
choice-sessions-in_memory = En la memoria de este servidor (con estado)
choice-sessions-session_store = En un almacén de sesiones compartido (sin estado)
setting-lookup_time_ms = Tiempo de búsqueda (media)
setting-capacity_entries = Capacidad
setting-eviction = Desalojo
choice-eviction-lru = LRU (el usado hace más tiempo)
choice-eviction-lfu = LFU (el usado menos veces)
choice-eviction-fifo = FIFO (el más antiguo primero)
setting-write_policy = Al escribir
choice-write_policy-invalidate = Invalidar la entrada
choice-write_policy-write_through = Escritura directa (actualiza la entrada)
choice-write_policy-nothing = Nada (lecturas desactualizadas)
setting-refresh_ttl_on_hit = Un acierto reinicia el TTL
choice-refresh_ttl_on_hit-no = No
choice-refresh_ttl_on_hit-yes = Sí
setting-virtual_nodes = Nodos virtuales por shard
setting-active_shards = Shards en uso al empezar (0 = todos los conectados)
setting-migration_keys_per_s = Ritmo de traslado al redistribuir
setting-strategy = Estrategia de sharding
choice-strategy-consistent_hashing = Hashing consistente (nodos virtuales)
choice-strategy-modulo = hash(id de usuario) mod número de shards
choice-strategy-range = Rangos de ids de usuario
setting-read_time_ms = Tiempo de una consulta de lectura (media)
setting-write_time_ms = Tiempo de una consulta de escritura (media)
setting-replication_lag_ms = Retardo de replicación (media)
setting-failover_timeout_s = Conmutación por error tras estar caída la primaria
setting-provision_delay_s = Una réplica nueva está lista tras
setting-replication = Replicación a las réplicas de lectura
choice-replication-asynchronous = Asíncrona (escrituras rápidas, puede perder algunas)
choice-replication-semi_synchronous = Semisíncrona (escrituras más lentas, sin pérdidas)
setting-capacity_messages = Capacidad
setting-durable = Los mensajes sobreviven a una caída (duradera)
choice-durable-no = No
choice-durable-yes = Sí
setting-min_workers = Trabajadores (mínimo)
setting-max_workers = Trabajadores (máximo, autoescalado)
setting-target_backlog_per_worker = Escalar cuando la cola acumulada por trabajador pase de

## Setting fields, issues, seed (the settings' own labels come from the core, translated by name in es/zh)
field-name = Nombre
field-kept = { $error }. Se mantiene el valor anterior ({ $value }).
unit-s = s
unit-files = archivos
unit-entries = entradas
unit-keys-per-s = claves/s
unit-messages = mensajes
chart-tip-none = sin datos
issues = Problemas
issues-none-blocking = ninguno bloquea
issues-to-fix = { $count ->
    [one] 1 por resolver antes de ejecutar
   *[other] { $count } por resolver antes de ejecutar
}
issues-on-node = { $node }: { $issue }
seed-invalid = Una semilla es un número entero de 0 a { $max }; se mantiene { $seed }
sweep-entry = Barrido de carga de
sweep-entry-title = Ejecuta este diseño con una serie de valores del ajuste y mira dónde se viene abajo
sweep-entry-open = Barrer…
metrics-cost-value = { $cost } $/h
scenario-duration = Duración de la ejecución
scenario-duration-invalid = La duración de la ejecución tiene que ser un número de segundos
scenario-faults = Fallos grabados
scenario-faults-count = { $count } (se repiten en cada ejecución)
scenario-faults-clear = Borrar fallos
scenario-sweep = Barrido de carga
scenario-sweep-default = la tasa de llegada del cliente, del 10 % al 150 % de la capacidad
scenario-sweep-set = { $points } valores × { $seeds } semillas
scenario-hint = Selecciona un nodo para cambiar su configuración. Arrastra sobre el fondo para seleccionar varios; Espacio+arrastrar o arrastrar con el botón derecho para desplazar la vista; la rueda hace zoom. Pulsa ? para ver todos los atajos.
edge-title = Conexión: { $from } → { $to }
edge-to-sr = { " " }a{ " " }
edge-latency = Latencia de ida
edge-latency-none = sin retardo de red propio
edge-rates = Peticiones por segundo
edge-rates-idle = Pulsa Ejecutar para ver las peticiones que circulan por esta conexión, por tipo.
edge-all = todas
edge-remove = Quitar conexión
edge-remove-title = Quitar esta conexión (Supr)
node-spof = Punto único de fallo: si este nodo cae, todo el tráfico se detiene
node-spof-database = Punto único de fallo: si cae, fallan las peticiones que necesitan sus datos (en un shard: las de sus usuarios)
node-primary = PRIMARIA
node-primary-title = La primaria del conjunto de réplicas: recibe todas las escrituras y las envía a las réplicas
node-port-title = Arrastra desde aquí hasta otro nodo para conectarlos
edge-aria = Conexión de { $from } a { $to }
connect-title = Conectar { $name } a…
connect-none = No queda ningún nodo sin conectar al que pueda enviar peticiones.
connect-cancel = Cancelar (Esc)
shard-chart-title = Carga por shard · { $router }
shard-chart-unnamed = shard { $n }
shard-chart-hotspot = El shard más cargado soporta { $ratio }× la carga media
dots-replication-title = Replicación: la primaria envía cada escritura a esta réplica
dots-migration-title = Redistribución: copiando claves a su nuevo shard ({ $percent } hecho)
event-log-select = Seleccionar este nodo
refusal-blocked = Resuelve los problemas de la lista Problemas antes de ejecutar.
refusal-blocked-replay = El diagrama tiene problemas que bloquean, así que la ejecución no se puede repetir
refusal-no-run-to-rewind = Pulsa Ejecutar primero: no hay ninguna ejecución que rebobinar
refusal-no-run-to-break = Pulsa Ejecutar primero: los fallos ocurren durante una ejecución
refusal-replay-too-long = Repetir hasta el segundo { $seconds } tardaría demasiado con este tráfico; elige un momento anterior
notice-rewound = Rebobinado al segundo { $seconds }: la ejecución se ha repetido desde el principio con la misma semilla y los mismos fallos. Pulsa Seguir para continuar desde aquí.
canvas-aria = Lienzo del diagrama. Tab va a un nodo, las flechas lo mueven, C lo conecta, Supr lo elimina; ? muestra todos los atajos.
canvas-empty-hint = Arrastra un componente al lienzo, o haz clic en él. Arrastra desde el punto derecho de un nodo hasta otro nodo para conectarlos. Pulsa ? para ver los atajos.
theory = Teoría
theory-idle = Ejecuta la simulación para compararla con la teoría de colas y de cachés.
theory-measured = Medido
theory-deviation = Desviación
theory-q-utilization = Utilización
theory-q-wait_probability = P(espera)
theory-q-wait_ms_mean = Espera media
theory-q-blocking_probability = Rechazadas (cola llena)
theory-q-in_station_mean = En la estación (L = λW)
theory-q-hit_ratio = Tasa de aciertos
theory-q-writes_lost_per_failover = Escrituras perdidas por conmutación
theory-q-keys_moved_fraction = Claves movidas
sweep-what = { $setting } de { $node }
sweep-explain = Ejecuta este diseño con valores equiespaciados de «{ $what }», unas cuantas semillas por valor, y muestra dónde se viene abajo: el codo, donde la p99 se duplica respecto a su valor con poca carga o fallan más del 1 % de las peticiones.
sweep-gone = El ajuste de este barrido ya no está en el diseño.
sweep-from = Desde
sweep-to = Hasta
sweep-points = Valores
sweep-seeds = Semillas por valor
sweep-run = Hacer el barrido
sweep-run-again = Repetir
sweep-cancel = Cancelar
sweep-default = Por defecto
sweep-default-title = Volver a la tasa de llegada del cliente, del 10 % al 150 % de la capacidad de la capa web
sweep-progress = Progreso del barrido
sweep-idle = Cada valor se ejecuta en una copia de este diseño con sus propias semillas; tu ejecución no se toca.
sweep-cancelled = Cancelado: se muestran los valores terminados hasta ahora.
sweep-running = Barriendo… { $percent }
sweep-knee-mark = { " " }(codo)
sweep-col-errors = errores
sweep-col-cost = USD/hora
sweep-knee-none = Sin codo: la p99 se mantiene por debajo del doble de su valor con poca carga y los errores por debajo del 1 %.
sweep-knee-errors = Codo en { $value } { $unit }: falla el { $percent } de las peticiones.
sweep-knee-latency = Codo en { $value } { $unit }: la p99 se duplicó, de { $from } ms a { $to } ms.

## Refused values and validation issues (English in the core: model/field.rs, model/validate.rs)
range-not-number = { $label } tiene que ser un número entre { $min } y { $max }
range-not-whole = { $label } tiene que ser un número entero entre { $min } y { $max } (vale { $value })
range-out-of-range = { $label } tiene que estar entre { $min } y { $max } (vale { $value })
issue-no_client = Añade un Cliente: sin usuarios, nadie envía peticiones
issue-client_no_target = Conecta este cliente a un DNS, un balanceador de carga o un servidor web
issue-client_many_targets = Este cliente está conectado a { $count } puntos de entrada; conéctalo a uno solo (un DNS o un balanceador de carga reparte el tráfico)
issue-dns_no_target = Conecta este DNS al balanceador de carga o al servidor al que resuelve
issue-no_backends = Este balanceador de carga no tiene servidores web detrás
issue-no_database = Este servidor web no tiene base de datos: conecta una (o una caché delante de una), o activa «También ejecuta la base de datos» si es un único servidor
issue-many_databases = Este servidor web está conectado a { $count } bases de datos o cachés; conéctalo exactamente a una
issue-cache_no_database = Conecta esta caché a la base de datos (o al enrutador de shards) que consulta cuando falla
issue-cache_many_databases = Esta caché está conectada a { $count } bases de datos; conéctala exactamente a una
issue-needs_session_store = Este servidor web guarda las sesiones en un almacén de sesiones: conéctalo a uno
issue-many_session_stores = Este servidor web está conectado a { $count } almacenes de sesiones; conéctalo exactamente a uno
issue-session_store_unused = Este servidor web está conectado a un almacén de sesiones pero guarda las sesiones en otro sitio: pon «Las sesiones de usuario viven» en el almacén de sesiones, o quita la conexión
issue-client_many_cdns = Este cliente está conectado a { $count } CDN; conéctalo a una sola
issue-cdn_no_origin = Conecta esta CDN a su origen (el balanceador de carga o el servidor web que tiene los archivos)
issue-max_below_min = El máximo tiene que ser al menos el mínimo
issue-router_no_shards = Conecta este enrutador de shards a las bases de datos que guardan los shards
issue-workers_many_queues = Estos trabajadores reciben conexiones de { $count } colas de mensajes; conéctalos a una sola
issue-many_queues = Este servidor web publica en { $count } colas de mensajes; conéctalo a una sola
issue-replica_no_primary = Conecta una base de datos a esta réplica de lectura (traza la conexión desde la base de datos primaria)
issue-replica_many_primaries = Esta réplica de lectura recibe conexiones de { $count } bases de datos; una réplica tiene exactamente una primaria
issue-embedded_and_connected = Este servidor ejecuta su propia base de datos pero también está conectado a una base de datos o caché; quita una de las dos
issue-invalid_edge = { $from } → { $to }: las peticiones no pueden ir en ese sentido (van cliente → DNS → balanceador de carga → servidor web → base de datos)
issue-dangling_edge = Una conexión apunta al nodo { $node }, que no existe
issue-cycle = Este nodo forma parte de un bucle de conexiones; las peticiones nunca terminarían
issue-unreachable = No le llega ninguna petición de ningún cliente; se quedará sin hacer nada
issue-fault_missing_node = La secuencia de fallos menciona el nodo { $node }, que no existe
issue-challenge = Reto: { $error }
issue-challenge_measures_nothing = Reto: la medición empieza en el segundo { $from } pero la ejecución termina en el { $to }, así que no se mediría nada; haz que la medición empiece antes del final
issue-over_memory = Esta ejecución necesitaría unos { $bytes } de memoria, más de los { $limit } que puede usar: baja los ajustes marcados en los nodos
issue-over_work = Esta ejecución costaría unos { $events } eventos, más de los { $limit } permitidos: baja los ajustes marcados en los nodos o acorta la ejecución
issue-costs_memory = { $setting } ocupa unos { $amount } de la memoria de la ejecución, que va por encima de su presupuesto: bájalo
issue-costs_work = { $setting } cuesta unos { $amount } eventos en la ejecución, que va por encima de su presupuesto: bájalo o acorta la ejecución

## Node health, tier figures and the inspector's live figures
health-healthy = sano
    .explain = Funciona con normalidad.
health-down_undetected = caído — aún sin detectar
    .explain = Tumbado, pero el balanceador de carga todavía no se ha dado cuenta: le sigue enviando peticiones, y fallan.
health-down = caído
    .explain = Tumbado, y todos los balanceadores de carga que tiene delante han dejado de enviarle peticiones.
health-recovering = recuperándose
    .explain = Vuelve a funcionar; espera a superar suficientes comprobaciones de estado antes de recibir tráfico.
role-primary = primaria
role-replica = réplica
role-out = fuera del conjunto
tier-role-behind = { $role }, { $count } de retraso
tier-hits = { $percent } de aciertos
tier-instances = { $count ->
    [one] 1 instancia
   *[other] { $count } instancias
}
tier-instances-warming = { $running }+{ $warming } instancias
tier-workers = { $count ->
    [one] 1 trabajador
   *[other] { $count } trabajadores
}
tier-hotspot = punto caliente { $ratio }×
tier-waiting = { $count } en espera
node-standby = en reserva, sin claves
node-busy = { $percent } ocupado
node-busy-sr = { $percent } ocupado,
node-util-title = Utilización: proporción de trabajadores ocupados
node-queue-title = Peticiones esperando en la cola
node-queued-sr = { " " }en cola,
inspector-role = Papel
inspector-behind = Retraso respecto a la primaria
inspector-behind-writes = { $count ->
    [one] 1 escritura
   *[other] { $count } escrituras
}
inspector-hit-ratio = Tasa de aciertos (último segundo)
inspector-full = Ocupación
inspector-instances = Instancias
inspector-instances-warming = { $running } (+{ $warming } arrancando)
inspector-workers = Trabajadores
inspector-shard-load = Carga por shard (pet./s)
inspector-shard-keys = Claves por shard
inspector-hotspot = Punto caliente (el más cargado / media)
inspector-resharding = Redistribución
inspector-resharding-copied = { $percent } copiado

## First visit
notice-welcome = ¡Bienvenido! Este es el paso 1 del capítulo. Pulsa Ejecutar y luego rompe algo: haz clic derecho (o una pulsación larga) sobre un nodo.
notice-link-unreadable = No se ha podido abrir este enlace: { $error } Tu diagrama no ha cambiado.
notice-autosave-failed = Este navegador no ha dejado a Scale Lab guardar tu diagrama (almacenamiento lleno o desactivado). Usa Compartir → Descargar JSON para conservarlo.
notice-png-unreadable = El navegador ha generado un PNG ilegible.
notice-png-failed = El navegador no ha podido dibujar el diagrama como PNG; prueba con SVG.
notice-file-too-large = «{ $name }» es demasiado grande para ser un escenario de Scale Lab (más de 8 MB). Tu diagrama no ha cambiado.
notice-file-unreadable = No se ha podido leer «{ $name }».
notice-file-opened = Abierto «{ $name }». Deshacer recupera tu diagrama.
notice-file-refused = «{ $name }»: { $error } Tu diagrama no ha cambiado.

## Shortcut sheet (English in crates/shell/src/keymap.rs; by the row's id, .keys = keys written in words)
sheet-section-run = Ejecutar y romper
sheet-section-edit = Editar
sheet-section-keyboard = Solo con el teclado
sheet-section-mouse = Ratón
sheet-section-touch = Pantalla táctil
sheet-run = Ejecutar, o pausar la ejecución
sheet-kill = Tumbar el nodo seleccionado (restaurarlo si está caído); la ejecución arranca si hace falta
sheet-node-menu = Abrir el menú del nodo con el foco: Tumbar, Restaurar, los fallos propios de su capa y la edición
sheet-menu-gesture = El mismo menú, sobre un nodo
    .keys = Clic derecho · pulsación larga
sheet-undo = Deshacer
sheet-redo = Rehacer
sheet-clipboard = Copiar, cortar, pegar (se conservan la configuración y las conexiones internas)
sheet-duplicate = Duplicar la selección
sheet-delete = Eliminar la selección (nodos, o la conexión seleccionada)
sheet-select-all = Seleccionar todos los nodos
sheet-escape = Cancelar el arrastre, el rectángulo de selección o la lista en curso; deseleccionar una conexión
sheet-walk = Ir de nodo en nodo y después por las conexiones (seleccionando cada uno)
sheet-nudge = Mover la selección un paso de la cuadrícula
sheet-nudge-big = Moverla cinco pasos de la cuadrícula
    .keys = Shift + flecha
sheet-inspect = Editar el nodo con el foco en el inspector
sheet-connect = Conectar el nodo seleccionado a… (una lista de destinos válidos)
sheet-sheet = Mostrar u ocultar esta lista
sheet-click = Seleccionar un nodo · añadirlo o quitarlo de la selección
    .keys = Clic · Shift clic
sheet-click-edge = Seleccionarla: el inspector muestra lo que circula por ella; Supr la elimina
    .keys = Clic en una conexión
sheet-marquee = Seleccionar los nodos dentro del rectángulo (Shift los añade)
    .keys = Arrastrar en el lienzo vacío
sheet-drag-node = Mover la selección (se ajusta a la cuadrícula; el botón Cuadrícula lo activa o desactiva)
    .keys = Arrastrar un nodo
sheet-drag-port = Conectarlo al nodo donde sueltes
    .keys = Arrastrar desde el punto de un nodo
sheet-pan = Desplazar la vista
    .keys = Espacio + arrastrar · botón derecho o central
sheet-zoom = Zoom en el cursor · en el centro
    .keys = Rueda · Ctrl + / Ctrl −
sheet-zoom-fit = Encajar el zoom · restablecer el zoom
    .keys = Shift 1 · Ctrl 0 (o Shift 0)
sheet-tap = Seleccionar un nodo o una conexión; toca un componente para añadirlo
    .keys = Tocar
sheet-touch-place = Colocarlo en el lienzo
    .keys = Arrastrar un componente
sheet-touch-drag = Moverlo · conectarlo
    .keys = Arrastrar un nodo · su punto
sheet-touch-pan = Desplazar la vista
    .keys = Un dedo en el lienzo vacío
sheet-pinch = Pellizcar para hacer zoom, mover para desplazar la vista
    .keys = Dos dedos

## Event log (English in the core: engine/faults.rs, replication.rs, autoscale.rs, shards.rs, cdn.rs, jobs.rs; by clause id)
log-join = { ": " }
log-node_says = { $node }
log-deployed_versioned = Archivos estáticos nuevos desplegados con nombres nuevos: { $node } pide cada uno al origen una sola vez
log-deployed_same_names = Archivos estáticos nuevos desplegados con los mismos nombres: { $node } sigue sirviendo sus copias antiguas hasta que caduquen
log-no_failover = { $node } (primaria) está caída y no hay ninguna réplica en marcha que promover: las escrituras fallan
log-promoted = { $node } promovida a primaria ({ $old } caída durante { $seconds } s); { $lost } escrituras confirmadas no le habían llegado y se pierden
log-rebuilt = { $node } se ha reconstruido como réplica de lectura de { $primary }
log-scale_up_instances = utilización del { $utilization } % por encima del objetivo del { $target } %, arrancando { $more } instancias más (listas en { $seconds } s)
log-scale_down_instances = utilización del { $utilization } %, deteniendo { $fewer } instancias (quedan { $left })
log-scale_up_workers = cola acumulada de { $backlog } trabajos, arrancando { $more } trabajadores más (listos en { $seconds } s)
log-scale_down_workers = cola acumulada de { $backlog } trabajos, deteniendo { $fewer } trabajadores (quedan { $left })
log-no_shard_to_add = no quedan bases de datos conectadas que añadir como shards; conecta antes otra base de datos
log-last_shard = no se puede quitar el último shard
log-shard_added = shard añadido ({ $from } → { $to }); se mueve el { $percent } % de las claves, copiado en unos { $seconds } s
log-shard_removed = shard quitado ({ $from } → { $to }); se mueve el { $percent } % de las claves, copiado en unos { $seconds } s
log-marked_unhealthy = { $lb } marcó { $node } como caído (no superó las comprobaciones de estado)
log-marked_unhealthy_after = { $lb } marcó { $node } como caído (no superó las comprobaciones de estado, { $seconds } s después de caer)
log-marked_healthy = { $lb } marcó { $node } como sano otra vez y le envía tráfico
log-dns_stopped = { $dns } dejó de responder con { $node } ({ $region }): sus usuarios pasan al centro de datos sano más cercano a medida que caducan sus respuestas en caché (TTL { $ttl } s)
log-dns_answers = { $dns } vuelve a responder con { $node } ({ $region })
log-region_down = El centro de datos { $region } está caído: se detienen { $count } nodos
log-region_back = El centro de datos { $region } ha vuelto: arrancan { $count } nodos
log-flushed = { $node } se ha vaciado ({ $entries } entradas descartadas): las próximas lecturas fallan en la caché
log-killed = { $node } ha sido tumbado
log-killed_random = { $node } se cayó por un fallo aleatorio
log-killed_region = { $node } se cayó con el centro de datos { $region }
log-jobs_requeued = { $count } trabajos en curso vuelven a la cola
log-messages_lost = se perdieron { $count } mensajes (la cola no es duradera)
log-sessions_lost = { $count } usuarios perdieron su sesión y tendrán que volver a iniciarla
log-restored = { $node } ha sido restaurado
log-repaired = { $node } ha vuelto tras la reparación
log-restored_region = { $node } ha vuelto con el centro de datos { $region }

## Verdict explanations (English in the core: verdict.rs; by clause id, $region = a data center or "none")
grade-join = { ". " }
grade-join-why = { ": " }
grade-none_answered = no se respondió ninguna petición entre los segundos { $from } y { $to }, así que no hay nada que calificar: esta comprobación falla
grade-none_succeeded = ninguna petición tuvo éxito entre los segundos { $from } y { $to } ({ $failed } fallaron), así que no hay nada que calificar: esta comprobación falla
grade-error_ratio = fallaron { $failed } de { $answered } peticiones ({ $ratio } %; se permite { $limit } %)
grade-most_at = La mayoría fueron «{ $cause }» en { $node } ({ $count })
grade-most = La mayoría fueron «{ $cause }» ({ $count })
grade-why_cause = { $cause }
grade-p99 = latencia p99 de { $p99 } ms (se permiten { $limit } ms)
grade-busiest = El nodo más ocupado es { $node }, con una utilización del { $utilization } %: las peticiones hacen cola ahí; añade capacidad o reparte la carga
grade-throughput = { $rps } peticiones con éxito por segundo (se necesitan { $limit })
grade-throughput_hint = O los usuarios envían menos que eso, o las peticiones fallan o se quedan atascadas en colas
grade-cost = el sistema cuesta { $cost } $ por hora (presupuesto: { $limit } $)
grade-most_expensive = El nodo más caro es { $node }, con { $cost } $/h: quizá baste un tamaño menor o menos copias
grade-lost_writes = se perdieron { $lost } escrituras confirmadas (se permiten { $limit })
grade-lost_writes_hint = La replicación asíncrona pierde las escrituras que no habían llegado a la réplica promovida; la semisíncrona no pierde ninguna
grade-logged_out = { $count } peticiones encontraron a su usuario con la sesión cerrada (se permiten { $limit })
grade-logged_out_hint = Las sesiones guardadas en la memoria de un servidor web se pierden con él o no están en los demás; guárdalas en un almacén de sesiones compartido (o usa al menos sesiones persistentes)
grade-stale_files = { $count } peticiones de archivos estáticos recibieron una copia antigua de la CDN (se permiten { $limit })
grade-stale_files_hint = Tras un despliegue, los nodos de borde siguen sirviendo sus copias en caché hasta que vence el TTL; con nombres de archivo versionados (app.3f9a.js) cada archivo nuevo es una URL nueva y no se sirve nada antiguo
grade-job_delay = el p99 de los trabajos terminados tardó { $p99 } s; { $waiting } trabajos siguen esperando, el más antiguo desde hace { $oldest } s (se permiten { $limit } s)
grade-job_delay_hint = Los trabajos llegan más deprisa de lo que los trabajadores los terminan, así que la cola acumulada crece: la cola deja que el grupo de trabajadores escale solo; permite más trabajadores o deja que escale antes
grade-why_queue_full_scaling = llegaron más peticiones de las que sus instancias en marcha podían atender y su cola podía guardar. Escala horizontalmente, pero una instancia nueva tarda { $warm_up } s en estar lista y el grupo espera { $cooldown } s entre pasos: deja instancias de reserva (un mínimo más alto) donde pueda llegar una carga repentina
grade-why_queue_full_mq = la cola de mensajes estaba llena: los trabajadores no dan abasto con los trabajos
grade-why_queue_full = llegaron más peticiones de las que sus trabajadores podían atender y su cola podía guardar: dale a { $node } más capacidad (un tamaño mayor, más trabajadores o más servidores) o envíale menos
grade-why_no_healthy_backend = { $node } había marcado como caídos todos los servidores que tiene detrás, así que no tenía adónde enviarlas
grade-why_timeout = las peticiones esperaron en { $node } más que su tiempo de espera máximo: él, o la capa que tiene detrás, está sobrecargado
grade-why_down_geo_dns = { $region ->
    [none] { $node } estaba caído
   *[other] { $node } cayó con el centro de datos { $region }
}, y las respuestas DNS en caché de los usuarios los seguían enviando ahí. { $dns } solo deja de responder con él tras { $checks } comprobaciones de estado fallidas (separadas { $interval } s), y los usuarios guardan una respuesta durante su TTL ({ $ttl } s): comprueba más a menudo y acorta el TTL para moverlos antes
grade-why_down_plain_dns = { $region ->
    [none] { $node } estaba caído
   *[other] { $node } cayó con el centro de datos { $region }
}, y { $dns } siguió respondiendo con su dirección: un DNS simple no comprueba sus destinos, así que los usuarios van ahí hasta que vuelve
grade-why_down_lb = { $region ->
    [none] { $node } estaba caído
   *[other] { $node } cayó con el centro de datos { $region }
}, y { $lb } le siguió enviando peticiones hasta que su comprobación de estado se dio cuenta (una comprobación cada { $interval } ms, y tienen que fallar varias seguidas): comprueba más a menudo, o tras menos fallos, para darte cuenta antes
grade-why_down_db = { $region ->
    [none] { $node } estaba caído
   *[other] { $node } cayó con el centro de datos { $region }
}: las escrituras enviadas a él fallaron hasta que pasó el plazo de conmutación por error y se promovió una réplica
grade-why_down_region_spof = { $node } cayó con el centro de datos { $region }, y nada fuera de { $region } puede hacer su trabajo: toda petición que lo necesite falla hasta que el centro de datos vuelva. Un centro de datos que deba sobrevivir a la pérdida del otro necesita su propio nodo de tipo «{ $kind }»
grade-why_down_spof = { $region ->
    [none] { $node } estaba caído
   *[other] { $node } cayó con el centro de datos { $region }
}, y nada más puede hacer su trabajo: toda petición que lo necesite falla hasta que vuelva (un punto único de fallo para esas peticiones)

## Edge meanings (English in crates/editor/src/link.rs MEANINGS; by id)
link-invalid = Ninguna petición puede circular por esta conexión: quítala, o conecta nodos que se hablen entre sí.
link-client_dns = Consultas de nombre: un usuario cuya respuesta en caché ha caducado pregunta al DNS dónde está el sitio antes de enviar una petición. La consulta tarda el tiempo de resolución del propio DNS.
link-client_cdn = Archivos estáticos (imágenes, scripts, estilos): los usuarios los piden al nodo de borde de la CDN más cercano en lugar de al origen.
link-client = Todas las peticiones que envían los usuarios: lecturas de páginas, escrituras y trabajos, y los archivos estáticos salvo que los sirva una CDN.
link-cdn = Archivos estáticos que los nodos de borde de la CDN no tienen (una primera petición, o uno caducado), pedidos al origen.
link-dns = Una dirección con la que responde el DNS (GeoDNS: la más cercana). Después, los usuarios envían sus peticiones directamente a esa dirección, que durante una ejecución se dibuja como una ruta discontinua desde los usuarios; nada pasa por el DNS.
link-load_balancer = Las peticiones que el balanceador de carga entrega a este servidor web, según su algoritmo, mientras el servidor supere sus comprobaciones de estado.
link-web_cache = Lecturas y escrituras de las peticiones que atiende este servidor: la caché responde las lecturas cuando tiene la clave; los fallos y las escrituras siguen hasta la base de datos que tiene detrás.
link-web_session_store = Consultas de sesión: toda petición salvo las de archivos estáticos comprueba aquí la sesión de su usuario, así que cualquier servidor web puede atender a cualquier usuario.
link-web_queue = Trabajos publicados: el servidor responde al usuario enseguida y deja el trabajo lento a la cola.
link-web_router = Lecturas y escrituras de las peticiones que atiende este servidor, enviadas al shard que guarda cada clave.
link-web = Consultas: las lecturas y escrituras de las peticiones que atiende este servidor. Con réplicas, las lecturas van a ellas y las escrituras a la base de datos que sea primaria en ese momento, dibujadas durante una ejecución como rutas discontinuas.
link-cache = Fallos de caché y escrituras: lo que la caché no puede responder sigue hasta los datos que tiene detrás (lectura a través de la caché).
link-router = Las lecturas y escrituras cuyas claves viven en este shard.
link-queue = Trabajos: los trabajadores toman de la cola el siguiente trabajo en espera cada vez que uno de ellos queda libre.
link-replication = Replicación: la primaria copia cada escritura a esta réplica, que la aplica tras el retardo de replicación (más la distancia entre centros de datos). Ninguna petición circula por aquí: las lecturas llegan a las réplicas directamente desde los servidores web. Tras una promoción, las réplicas siguen a la nueva primaria.
link-nothing = Ninguna petición puede circular por esta conexión.
