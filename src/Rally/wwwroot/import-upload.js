// Upload progress on the import page. Without this script the form posts the same file the same way.
(() => {
  const form = document.getElementById('upload-form');
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  form.addEventListener('submit', e => {
    if (!form.file.files.length) return;
    e.preventDefault();
    const bar = document.getElementById('upload-progress');
    const button = form.querySelector('button[type=submit]');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.onprogress = p => {
      if (!p.lengthComputable) return;
      bar.hidden = false;
      bar.value = Math.round(100 * p.loaded / p.total);
    };
    // The server answers with a redirect to the preview; go where it led.
    xhr.onload = () => {
      if (xhr.status < 400 && xhr.responseURL) location.href = xhr.responseURL;
      else { button.disabled = false; bar.hidden = true; form.submit(); }
    };
    xhr.onerror = () => { button.disabled = false; form.submit(); };
    button.disabled = true;
    xhr.send(new FormData(form));
  });
})();
