"""What people see: view models of the pages, the pictures (SVG), and the templates."""
