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
topbar-resume = Continuar
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
    .explain-2 = Cuando un servidor web cae, el balanceador de carga le sigue enviando peticiones hasta que su comprobación de estado falla varias veces seguidas. Esas peticiones fallan: cuanto más corto sea el intervalo de comprobación, menos serán.
    .watch = Los errores por causa justo después de la caída, y cuánto tardan en desaparecer (la comprobación de estado).
    .x-1-title = Tumba Web 1
    .x-1-expect = Una breve racha de errores de «nodo caído»; después, Web 2 atiende todo el tráfico.
    .x-2-title = Recupera Web 1
    .x-2-expect = Web 1 vuelve a recibir tráfico en cuanto supera sus comprobaciones de estado.
    .x-3-title = Tumba la base de datos
    .x-3-expect = Dos servidores web no bastan: la única base de datos sigue siendo un punto único de fallo.

## Challenges (English in the core: scenario/challenges.rs)
challenge-single_server = Atiende 1000 peticiones por segundo con una p99 inferior a 300 ms, con un solo servidor (elige un tamaño mayor).
challenge-separate_db = El tráfico sube a 1500 peticiones por segundo (ajústalo en «Users»). Atiéndelo con una p99 inferior a 150 ms y menos de un 0,1 % de errores, por menos de 0,60 $ la hora (pista: busca la máquina más cargada y amplía solo esa capa).
challenge-three_tier = Web 1 caerá en el segundo 60. Mantén los errores por debajo del 0,5 % y la p99 por debajo de 150 ms con 600 peticiones por segundo (pista: ¿cuánto tarda el balanceador de carga en darse cuenta?).
