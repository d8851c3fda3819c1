//! Scale Lab entry point: installs the panic hook and mounts the app on `<body>`. Nothing else lives here.

fn main() {
    console_error_panic_hook::set_once();
    scalelab_app::mount_app();
}
