//! Scale Lab entry point: installs the panic hook (console message + a banner offering a reload) and mounts the
//! app on `<body>`. Nothing else lives here.

fn main() {
    scalelab_app::share::crash::install();
    scalelab_app::mount_app();
}
