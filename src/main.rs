fn main() {
    console_error_panic_hook::set_once();
    send_casebook::app::mount();
}
